import { resolve } from 'node:path';
import { nextQuarter } from '@oscp/calendar';
import type { QuarterSource } from '@oscp/contracts';
import type { Command } from 'commander';
import type { RunOutcome } from '../pipeline/pipeline.service';
import { CliFailure, EXIT_FAILURE, withAppContext, type CliCommand } from './cli-command';
import { etlRunModule } from './command-modules';
import { parseIsoDateOption } from './options';

/** `oscp etl run`: exit 0 published or unchanged, 1 failed / already running / data folder in use, 2 usage. */
export const etlCommand: CliCommand = {
  register(program: Command): void {
    const etl = program.command('etl').description('ETL runs.');
    etl
      .command('run')
      .description('Validate the inbox, load, build and publish a new snapshot; print a summary per file.')
      .option('--inbox <dir>', 'inbox folder (default: DATA_DIR/inbox)')
      .option('--data-dir <dir>', 'data folder (default: DATA_DIR)')
      .option(
        '--run-date <date>',
        'YYYY-MM-DD used as today (default: OSCP_RUN_DATE or today)',
        parseIsoDateOption,
      )
      .action(async (options: { inbox?: string; dataDir?: string; runDate?: string }) => {
        const inboxDir = options.inbox ? resolve(options.inbox) : undefined;
        const outcome = await withAppContext(
          { dataDir: options.dataDir, runDate: options.runDate },
          etlRunModule,
          async (context) => {
            const [{ PipelineService }, { RunAlreadyRunningError }] = await Promise.all([
              import('../pipeline/pipeline.service.js'),
              import('../pipeline/run-lock.js'),
            ]);
            try {
              return await context.get(PipelineService).run('cli', { inboxDir });
            } catch (error) {
              if (error instanceof RunAlreadyRunningError) throw new CliFailure(error.message);
              throw error;
            }
          },
          // The child checks the inbox's files while the application loads and the database opens.
          { prestartEtl: true, checkAhead: { inboxDir } },
        );
        process.stdout.write(formatRunSummary(outcome));
        if (outcome.run.status === 'failed') process.exitCode = EXIT_FAILURE;
      });
  },
};

/** The run summary: one line per file, then the outcome. */
export function formatRunSummary(outcome: RunOutcome): string {
  const lines: string[] = [];
  for (const submission of outcome.submissions) {
    const file = `${submission.dataset}/${submission.fileName}`;
    if (submission.status === 'accepted' && submission.recordCounts) {
      lines.push(
        `accepted  ${file}: ${submission.rowsAccepted} records loaded (${censusCounts(submission.recordCounts)}), ${submission.rowsQuarantined} quarantined`,
      );
    } else if (submission.status === 'accepted') {
      lines.push(
        `accepted  ${file}: ${submission.rowsAccepted} rows loaded, ${submission.rowsQuarantined} quarantined`,
      );
    } else if (submission.status === 'rejected') {
      lines.push(`rejected  ${file}: ${submission.reason ?? 'no reason recorded'}`);
    } else {
      lines.push(`skipped   ${file}: ${submission.reason ?? 'already loaded'}`);
    }
  }
  for (const entry of outcome.crossFileQuarantines) {
    lines.push(
      `checked   ${entry.dataset}/${entry.fileName}: ${entry.rows} more quarantined by checks against other datasets`,
    );
  }
  for (const problem of outcome.problems) lines.push(`ignored   ${problem.fileName}: ${problem.message}`);
  for (const range of quarterRanges(outcome.run.sourcesByQuarter)) {
    const kind = range.source === 'cin_census' ? 'the children in need census' : 'the CSV/XLSX extracts';
    const quarters = range.first === range.last ? range.first : `${range.first} to ${range.last}`;
    lines.push(
      `source    ${range.dataset} ${quarters}: ${kind} (newest: ${range.fileName}, extract date ${range.extractDate})`,
    );
  }
  if (outcome.filesAlreadyLoaded > 0)
    lines.push(`${outcome.filesAlreadyLoaded} file(s) already loaded by an earlier run, left as they are.`);
  const run = outcome.run;
  lines.push(
    `Run ${run.id} ${run.status}: ${run.filesAccepted} file(s) accepted, ${run.filesRejected} rejected, ${run.rowsQuarantined} row(s) quarantined.`,
  );
  lines.push(run.status === 'failed' ? (run.error ?? outcome.message) : outcome.message);
  return `${lines.join('\n')}\n`;
}

const CENSUS_KINDS: [key: string, one: string, many: string][] = [
  ['children', 'child', 'children'],
  ['referrals', 'referral', 'referrals'],
  ['assessments', 'assessment', 'assessments'],
  ['strategy_discussions', 'section 47 enquiry', 'section 47 enquiries'],
  ['cp_plans', 'child protection plan', 'child protection plans'],
  ['cp_reviews', 'review', 'reviews'],
];

/** `1 child, 2 referrals, …` from a census file's counts by kind. */
export function censusCounts(counts: Record<string, number>): string {
  return CENSUS_KINDS.map(([key, one, many]) => {
    const n = counts[key] ?? 0;
    return `${n} ${n === 1 ? one : many}`;
  }).join(', ');
}

/** Runs of consecutive quarters of one dataset fed by the same file, so a long census reads short. */
function quarterRanges(
  sources: readonly QuarterSource[],
): (Omit<QuarterSource, 'period'> & { first: string; last: string })[] {
  const ranges: (Omit<QuarterSource, 'period'> & { first: string; last: string })[] = [];
  for (const entry of sources) {
    const open = ranges.at(-1);
    if (
      open &&
      open.dataset === entry.dataset &&
      open.source === entry.source &&
      open.fileName === entry.fileName &&
      nextQuarter(open.last) === entry.period
    ) {
      open.last = entry.period;
      continue;
    }
    const { period, ...rest } = entry;
    ranges.push({ ...rest, first: period, last: period });
  }
  return ranges;
}
