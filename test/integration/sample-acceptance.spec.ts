/**
 * Acceptance test: the sample inbox beside the repository (`../shared/reference/sample`) must
 * give exactly the scorecards in its `expected-scorecards.json`. It drives the BUILT command
 * line as an operator would: `oscp etl run`, then `oscp scorecard` for each quarter, internal
 * and published views. Mismatches are listed one per line (quarter, code, field, expected,
 * actual) rather than as one giant diff.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Scorecard } from '@oscp/contracts';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseRuntime } from '../../apps/api/src/database/database-runtime';
import { dropDatabase, freshDatabaseUrl, runCli, type CliResult } from './scorecard-support';
import type { ExpectedFile, ExpectedIndicator } from '../../etl/test-support/expected-scorecards';

const REPO_ROOT = resolve(__dirname, '../..');
const SAMPLE_DIR = resolve(REPO_ROOT, '../shared/reference/sample');
const CLI = join(REPO_ROOT, 'apps/api/bin/oscp.js');
const VALUE_TOLERANCE = 1e-9;

interface Mismatch {
  quarter: string;
  code: string;
  field: string;
  expected: unknown;
  actual: unknown;
}

function sameNumber(expected: number | null, actual: number | null | undefined): boolean {
  if (expected === null || actual === null || actual === undefined) return expected === (actual ?? null);
  return Math.abs(expected - actual) <= VALUE_TOLERANCE;
}

function describeMismatches(mismatches: Mismatch[]): string {
  const shown = mismatches
    .slice(0, 200)
    .map(
      (m) =>
        `  ${m.quarter} ${m.code} ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`,
    );
  const more = mismatches.length > shown.length ? `\n  … and ${mismatches.length - shown.length} more` : '';
  return `${mismatches.length} mismatch(es) with expected-scorecards.json:\n${shown.join('\n')}${more}`;
}

/** Field-by-field comparison of one quarter's internal and published scorecards. */
function compareQuarter(
  quarter: string,
  expected: Record<string, ExpectedIndicator>,
  internal: Scorecard,
  published: Scorecard,
): Mismatch[] {
  const out: Mismatch[] = [];
  const add = (code: string, field: string, want: unknown, got: unknown): void => {
    out.push({ quarter, code, field, expected: want, actual: got });
  };
  if (internal.period !== quarter) add('-', 'period', quarter, internal.period);
  const internalByCode = new Map(internal.indicators.map((i) => [i.code, i]));
  const publishedByCode = new Map(published.indicators.map((i) => [i.code, i]));
  for (const code of internalByCode.keys()) {
    if (!(code in expected)) add(code, 'indicator', '(not expected)', 'present');
  }
  for (const [code, want] of Object.entries(expected)) {
    const got = internalByCode.get(code);
    if (!got) {
      add(code, 'indicator', 'present', '(missing)');
      continue;
    }
    if (!sameNumber(want.numerator, got.numerator)) add(code, 'numerator', want.numerator, got.numerator);
    if (!sameNumber(want.denominator, got.denominator))
      add(code, 'denominator', want.denominator, got.denominator);
    if (!sameNumber(want.value, got.value)) add(code, 'value', want.value, got.value);
    if (want.display !== got.display) add(code, 'display', want.display, got.display);
    if (want.rag !== got.rag) add(code, 'rag', want.rag, got.rag);
    if (want.direction !== got.direction) add(code, 'direction', want.direction, got.direction);
    if (want.exception !== got.exception) add(code, 'exception', want.exception, got.exception);
    const gotBreakdown = new Map(got.breakdown.map((b) => [b.key, b]));
    for (const entry of want.breakdown) {
      const actual = gotBreakdown.get(entry.key);
      if (!actual) {
        add(code, `breakdown[${entry.key}]`, entry, '(missing)');
        continue;
      }
      for (const field of ['numerator', 'denominator', 'value'] as const) {
        if (!sameNumber(entry[field], actual[field]))
          add(code, `breakdown[${entry.key}].${field}`, entry[field], actual[field]);
      }
    }
    for (const key of gotBreakdown.keys()) {
      if (!want.breakdown.some((b) => b.key === key))
        add(code, `breakdown[${key}]`, '(not expected)', gotBreakdown.get(key));
    }
    const publishedRow = publishedByCode.get(code);
    if (!publishedRow) add(code, 'displayPublished', want.displayPublished, '(missing)');
    else if (publishedRow.display !== want.displayPublished)
      add(code, 'displayPublished', want.displayPublished, publishedRow.display);
  }
  return out;
}

function parseScorecard(result: CliResult, what: string): Scorecard {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}: ${result.stderr.trim()}`);
  return JSON.parse(result.stdout) as Scorecard;
}

const sampleMissing =
  !existsSync(join(SAMPLE_DIR, 'inbox')) || !existsSync(join(SAMPLE_DIR, 'expected-scorecards.json'));
const cliMissing = !existsSync(join(REPO_ROOT, 'apps/api/dist/cli/main.js'));
if (sampleMissing) {
  console.log(
    `Skipping the sample acceptance test: no sample inbox at ${SAMPLE_DIR} (it sits beside the repository in CI).`,
  );
}

describe.skipIf(sampleMissing)('the sample inbox gives expected-scorecards.json', () => {
  const expected = sampleMissing
    ? null
    : (JSON.parse(readFileSync(join(SAMPLE_DIR, 'expected-scorecards.json'), 'utf8')) as ExpectedFile);
  let work: string;
  let dataDir: string;
  let databaseUrl: string | null = null;
  let env: NodeJS.ProcessEnv;
  let etlRun: CliResult;

  beforeAll(async () => {
    if (cliMissing)
      throw new Error(
        'The command line is not built: run `npm run build` first (apps/api/dist/cli/main.js).',
      );
    work = mkdtempSync(join(tmpdir(), 'oscp-acceptance-'));
    const inbox = join(work, 'inbox');
    dataDir = join(work, 'data');
    cpSync(join(SAMPLE_DIR, 'inbox'), inbox, { recursive: true });
    databaseUrl = await freshDatabaseUrl('acceptance');
    env = { ...process.env, OSCP_DEMO: 'false' };
    if (databaseUrl) env.DATABASE_URL = databaseUrl;
    else delete env.DATABASE_URL;
    etlRun = await runCli(
      CLI,
      ['etl', 'run', '--inbox', inbox, '--data-dir', dataDir, '--run-date', expected?.runDate ?? ''],
      env,
    );
  });

  afterAll(async () => {
    if (databaseUrl) await dropDatabase(databaseUrl);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('publishes a snapshot from the sample inbox', () => {
    expect(etlRun.code, `oscp etl run failed:\n${etlRun.stdout}\n${etlRun.stderr}`).toBe(0);
  });

  it('quarantines the expected rows per dataset and rejects the expected files', async () => {
    expect(etlRun.code).toBe(0);
    const facts = await runFacts(dataDir, databaseUrl);
    const mismatches: string[] = [];
    for (const [dataset, rows] of Object.entries(expected?.quarantinedRows ?? {})) {
      const actual = facts.quarantinedRows.get(dataset) ?? 0;
      if (actual !== rows)
        mismatches.push(`  quarantined rows in ${dataset}: expected ${rows}, got ${actual}`);
    }
    const wantRejected = [...(expected?.rejectedFiles ?? [])].sort();
    if (JSON.stringify(wantRejected) !== JSON.stringify(facts.rejectedFiles)) {
      mismatches.push(
        `  rejected files: expected ${JSON.stringify(wantRejected)}, got ${JSON.stringify(facts.rejectedFiles)}`,
      );
    }
    expect(
      mismatches,
      `Data quality differs from expected-scorecards.json:\n${mismatches.join('\n')}`,
    ).toEqual([]);
  });

  it('prints, for each of the 10 quarters, the expected internal and published scorecards', async () => {
    expect(etlRun.code).toBe(0);
    const mismatches: Mismatch[] = [];
    for (const quarter of expected?.quarters ?? []) {
      const base = ['scorecard', '--period', quarter, '--format', 'json', '--data-dir', dataDir];
      const internal = parseScorecard(await runCli(CLI, base, env), `oscp scorecard --period "${quarter}"`);
      const published = parseScorecard(
        await runCli(CLI, [...base, '--published-view'], env),
        `oscp scorecard --period "${quarter}" --published-view`,
      );
      expect(published.publishedView).toBe(true);
      mismatches.push(...compareQuarter(quarter, expected?.scorecards[quarter] ?? {}, internal, published));
    }
    expect(mismatches.length, describeMismatches(mismatches)).toBe(0);
  }, 600_000);
});

/**
 * Quarantined rows per dataset and rejected files, from the run's records in PostgreSQL: a
 * quarantined row is one (file, line) with at least one `row_quarantined` finding, whether the
 * validator or a cross-file check (e.g. a review whose plan is missing) quarantined it.
 */
async function runFacts(
  dataDir: string,
  databaseUrl: string | null,
): Promise<{ quarantinedRows: Map<string, number>; rejectedFiles: string[] }> {
  const runtime = databaseUrl ? null : await DatabaseRuntime.openEmbedded(dataDir);
  const client = new Client({ connectionString: databaseUrl ?? runtime?.url });
  await client.connect();
  try {
    const quarantined = await client.query<{ dataset: string; rows: number }>(
      `select dataset, count(distinct (file_name, line))::integer as rows
       from quality_finding
       where kind = 'row_quarantined'
       group by dataset`,
    );
    const rejected = await client.query<{ file_name: string }>(
      `select file_name from submission where status = 'rejected' order by file_name`,
    );
    return {
      quarantinedRows: new Map(quarantined.rows.map((row) => [row.dataset, row.rows])),
      rejectedFiles: rejected.rows.map((row) => row.file_name),
    };
  } finally {
    await client.end();
    await runtime?.close();
  }
}
