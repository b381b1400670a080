/** `oscp briefing` with no server running: the built command line builds the pack itself. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateDemoInbox } from '@oscp/etl';
import { Workbook } from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, freshDatabaseUrl, runCli } from './scorecard-support';

const REPO_ROOT = resolve(__dirname, '../..');
const CLI = join(REPO_ROOT, 'apps/api/bin/oscp.js');

let work: string;
let dataDir: string;
let databaseUrl: string | null;
let env: NodeJS.ProcessEnv;

const briefing = (...args: string[]) => runCli(CLI, ['briefing', '--data-dir', dataDir, ...args], env);

beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, 'apps/api/dist/cli/main.js')))
    throw new Error('The command line is not built: run `npm run build` first (apps/api/dist/cli/main.js).');
  work = mkdtempSync(join(tmpdir(), 'oscp-briefing-cli-'));
  dataDir = join(work, 'data');
  databaseUrl = await freshDatabaseUrl('briefingcli');
  env = { ...process.env, OSCP_DEMO: 'false' };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
});

afterAll(async () => {
  if (databaseUrl) await dropDatabase(databaseUrl);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('oscp briefing', () => {
  it('exits 2 without --out, or with an unknown format', async () => {
    expect((await briefing('--period', '2024-25 Q4')).code).toBe(2);
    const format = await briefing('--period', '2024-25 Q4', '--format', 'docx', '--out', join(work, 'x'));
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/pdf, xlsx, csv/);
  });

  it('exits 1 with a plain message when nothing has been published', async () => {
    const result = await briefing(
      '--period',
      '2024-25 Q4',
      '--format',
      'csv',
      '--out',
      join(work, 'none.csv'),
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('No scorecard has been published yet: run the ETL first.');
  });

  describe('after a run', () => {
    beforeAll(async () => {
      const inbox = join(work, 'inbox');
      await generateDemoInbox({ outDir: inbox, seed: 5, scale: 0.1, asOf: '2025-05-15' });
      const run = await runCli(
        CLI,
        ['etl', 'run', '--inbox', inbox, '--data-dir', dataDir, '--run-date', '2025-05-30'],
        env,
      );
      expect(run.code, run.stderr).toBe(0);
    }, 300_000);

    it('writes the XLSX and CSV packs itself, the same bytes each time, and says where', async () => {
      const xlsx = join(work, 'pack.xlsx');
      const first = await briefing('--period', '2024-25-Q4', '--format', 'xlsx', '--out', xlsx);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toContain(`Wrote the XLSX briefing pack for 2024-25 Q4 to ${xlsx}.`);
      const workbook = new Workbook();
      await workbook.xlsx.load(new Uint8Array(readFileSync(xlsx)).buffer);
      expect(workbook.getWorksheet('Scorecard')?.rowCount).toBe(27);
      const again = join(work, 'again.xlsx');
      expect((await briefing('--period', '2024-25 Q4', '--format', 'xlsx', '--out', again)).code).toBe(0);
      expect(readFileSync(again).equals(readFileSync(xlsx))).toBe(true);

      const csv = join(work, 'pack.csv');
      expect(
        (await briefing('--period', '2024-25 Q4', '--format', 'csv', '--published', '--out', csv)).code,
      ).toBe(0);
      expect(readFileSync(csv, 'utf8').split('\r\n')[0]).toMatch(/^Quarter,Code,Indicator,/);
    });

    it('exits 1 for a quarter the snapshot does not cover', async () => {
      const result = await briefing(
        '--period',
        '2030-31 Q1',
        '--format',
        'csv',
        '--out',
        join(work, 'y.csv'),
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('The period 2030-31 Q1 is not in snapshot');
    });
  });
});
