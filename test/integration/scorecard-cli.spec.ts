/** `oscp scorecard` as an operator runs it: the built command line, exit codes and formats. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Scorecard } from '@oscp/contracts';
import { generateDemoInbox } from '@oscp/etl';
import { parse } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, freshDatabaseUrl, runCli } from './scorecard-support';

const REPO_ROOT = resolve(__dirname, '../..');
const CLI = join(REPO_ROOT, 'apps/api/bin/oscp.js');

let work: string;
let dataDir: string;
let databaseUrl: string | null;
let env: NodeJS.ProcessEnv;

const scorecard = (...args: string[]) => runCli(CLI, ['scorecard', '--data-dir', dataDir, ...args], env);

beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, 'apps/api/dist/cli/main.js'))) {
    throw new Error('The command line is not built: run `npm run build` first (apps/api/dist/cli/main.js).');
  }
  work = mkdtempSync(join(tmpdir(), 'oscp-scorecard-cli-'));
  dataDir = join(work, 'data');
  databaseUrl = await freshDatabaseUrl('cli');
  env = { ...process.env, OSCP_DEMO: 'false' };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
});

afterAll(async () => {
  if (databaseUrl) await dropDatabase(databaseUrl);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('oscp scorecard', () => {
  it('exits 2 on a usage error: an impossible period or an unknown format', async () => {
    const period = await scorecard('--period', '2024-26 Q3');
    expect(period.code).toBe(2);
    expect(period.stderr).toContain('"2024-26 Q3" is not a valid period');
    const format = await scorecard('--format', 'pdf');
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/json, csv, xlsx/);
  });

  it('exits 1 with a plain message when nothing has been published', async () => {
    const result = await scorecard();
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('No scorecard has been published yet: run the ETL first.');
    expect(result.stdout).toBe('');
  });

  describe('after a run', () => {
    beforeAll(async () => {
      const inbox = join(work, 'inbox');
      await generateDemoInbox({ outDir: inbox, seed: 3, scale: 0.1, asOf: '2025-05-15' });
      const run = await runCli(
        CLI,
        ['etl', 'run', '--inbox', inbox, '--data-dir', dataDir, '--run-date', '2025-05-30'],
        env,
      );
      if (run.code !== 0) throw new Error(`oscp etl run exited ${run.code}: ${run.stderr}`);
    });

    it("prints the default period's scorecard as JSON", async () => {
      const result = await scorecard();
      expect(result.code).toBe(0);
      const json = JSON.parse(result.stdout) as Scorecard;
      expect(json.period).toBe('2024-25 Q4');
      expect(json.publishedView).toBe(false);
      expect(json.indicators).toHaveLength(26);
      expect(Object.keys(json.indicators[0] ?? {})).toEqual(
        expect.arrayContaining([
          'code',
          'title',
          'numerator',
          'denominator',
          'value',
          'display',
          'rag',
          'direction',
          'comparators',
          'breakdown',
        ]),
      );
    });

    it('exits 1 for a quarter the snapshot does not cover', async () => {
      const result = await scorecard('--period', '2015-16 Q1');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^The period 2015-16 Q1 is not in snapshot [0-9a-f-]+ \(it covers .* to 2024-25 Q4\)\.\n$/,
      );
    });

    it('prints CSV with plain-English headings and one row per indicator, the same figures as the JSON', async () => {
      // One at a time: the embedded database lets one process open the data folder.
      const csv = await scorecard('--period', '2024-25-Q3', '--format', 'csv');
      const json = await scorecard('--period', '2024-25 Q3');
      expect(csv.code).toBe(0);
      const records: Record<string, string>[] = parse(csv.stdout, { columns: true });
      const expected = (JSON.parse(json.stdout) as Scorecard).indicators;
      expect(records.map((r) => r.Code)).toEqual(expected.map((i) => i.code));
      records.forEach((record, index) => {
        const indicator = expected[index];
        expect(record['Value as shown']).toBe(indicator?.display);
        expect(record.Value).toBe(indicator?.value === null ? '' : String(indicator?.value));
        expect(record.Quarter).toBe('2024-25 Q3');
      });
    });

    it("carries the quarter's commentary into the CSV and XLSX, never into the published view", async () => {
      if (!databaseUrl) return; // The commentary is written straight into PostgreSQL here.
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(
          `insert into commentary (indicator_code, period, text, version, updated_by) values ('FD01', '2024-25 Q4', '+Contacts rose after the schools campaign.', 1, 'Test chair')`,
        );
      } finally {
        await client.end();
      }
      const csv = await scorecard('--format', 'csv');
      expect(csv.code, csv.stderr).toBe(0);
      const records: Record<string, string>[] = parse(csv.stdout, { columns: true });
      expect(records.find((r) => r.Code === 'FD01')?.Commentary).toBe(
        "'+Contacts rose after the schools campaign.",
      );
      expect(records.filter((r) => r.Commentary !== '')).toHaveLength(1);
      const published = await scorecard('--format', 'csv', '--published-view');
      expect(published.stdout).not.toContain('schools campaign');

      const xlsx = await scorecard('--format', 'xlsx');
      const workbook = new Workbook();
      await workbook.xlsx.load(new Uint8Array(xlsx.stdoutBytes).buffer);
      const sheet = workbook.worksheets[0];
      const headers = (sheet?.getRow(1).values as unknown[]).slice(1);
      const fd01 = sheet?.getRow(2);
      expect(fd01?.getCell(headers.indexOf('Code') + 1).value).toBe('FD01');
      expect(fd01?.getCell(headers.indexOf('Commentary') + 1).value).toBe(
        "'+Contacts rose after the schools campaign.",
      );
    });

    it('writes the same XLSX bytes each time, with plain-English headings, real numbers and number formats', async () => {
      const first = await scorecard('--format', 'xlsx', '--published-view');
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 2100));
      const second = await scorecard('--format', 'xlsx', '--published-view');
      expect(first.code).toBe(0);
      expect(Buffer.compare(first.stdoutBytes, second.stdoutBytes)).toBe(0);
      const workbook = new Workbook();
      await workbook.xlsx.load(new Uint8Array(first.stdoutBytes).buffer);
      const sheet = workbook.worksheets[0];
      expect(sheet?.rowCount).toBe(27);
      const headers = (sheet?.getRow(1).values as unknown[]).slice(1);
      expect(headers.slice(0, 3)).toEqual(['Quarter', 'Code', 'Indicator']);
      expect(headers).toContain('Value');
      expect(headers).not.toContain('value');
      expect(sheet?.getRow(2).getCell(2).value).toBe('FD01');
      const value = sheet?.getRow(2).getCell(headers.indexOf('Value') + 1);
      expect(typeof value?.value).toBe('number');
      expect(value?.numFmt).toBe('#,##0');
      expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    });
  });
});
