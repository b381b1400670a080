import { HttpException } from '@nestjs/common';
import { InvalidPeriodError, parsePeriod } from '@oscp/calendar';
import type { Scorecard } from '@oscp/contracts';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { ScorecardService } from '../scorecard/scorecard.service';
import { CliFailure, withAppContext, type CliCommand } from './cli-command';

type ScorecardFormat = 'json' | 'csv' | 'xlsx';

function parsePeriodOption(value: string): string {
  try {
    return parsePeriod(value);
  } catch (error) {
    throw new InvalidArgumentError(
      error instanceof InvalidPeriodError ? error.message : 'must be a quarter such as "2024-25 Q3".',
    );
  }
}

function writeStdout(data: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(data, (error) => (error ? reject(error) : resolve()));
  });
}

/** The scorecard in the asked-for format, as the bytes to print. */
export async function renderScorecard(
  scorecard: Scorecard,
  format: ScorecardFormat,
): Promise<string | Uint8Array> {
  // Each writer is loaded only for its format (the XLSX one brings a large library).
  if (format === 'csv') return (await import('../scorecard/scorecard-csv.js')).scorecardCsv(scorecard);
  if (format === 'xlsx') return (await import('../scorecard/scorecard-xlsx.js')).scorecardXlsx(scorecard);
  return `${JSON.stringify(scorecard, null, 2)}\n`;
}

/** `oscp scorecard`: prints the published scorecard of a quarter (default: the snapshot's default). */
export const scorecardCommand: CliCommand = {
  register(program: Command): void {
    program
      .command('scorecard')
      .description("Print the published scorecard of a quarter (default: the snapshot's default quarter).")
      .option(
        '--period <quarter>',
        'financial-year quarter, e.g. "2024-25 Q3" or 2024-25-Q3',
        parsePeriodOption,
      )
      .option('--data-dir <dir>', 'data folder (default DATA_DIR, else ./data)')
      .addOption(
        new Option('--format <format>', 'output format').choices(['json', 'csv', 'xlsx']).default('json'),
      )
      .option(
        '--published-view',
        'apply disclosure control (small numbers shown [c]), as published outputs do',
        false,
      )
      .action(
        async (options: {
          period?: string;
          dataDir?: string;
          format: ScorecardFormat;
          publishedView: boolean;
        }) => {
          const output = await withAppContext({ dataDir: options.dataDir }, async (context) => {
            const service = context.get(ScorecardService, { strict: false });
            try {
              const scorecard = await service.scorecard({
                period: options.period,
                published: options.publishedView,
              });
              return await renderScorecard(scorecard, options.format);
            } catch (error) {
              // "Nothing published" and "no such quarter" are plain failures (exit 1), not crashes.
              if (error instanceof HttpException && error.getStatus() === 404)
                throw new CliFailure(error.message);
              throw error;
            }
          });
          await writeStdout(output);
        },
      );
  },
};
