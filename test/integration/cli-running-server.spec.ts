/**
 * `oscp scorecard` and `oscp briefing` while the built server runs on the same data folder with
 * its embedded database (which only the server may open): both commands get their files from the
 * running server, the same bytes the dashboard downloads, and the server keeps running.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Health, PeriodList, Scorecard, SessionInfo } from '@oscp/contracts';
import { parse } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltApi, type BuiltApi } from '../support/built-api';
import { BUILT_CLI, childEnv, runOscp } from '../support/cli';

let api: BuiltApi;
let work: string;
let session: { cookie: string; csrfToken: string };
let period: string;

const COMMENTARY = '=Contacts rose after the schools campaign.';

async function signIn(): Promise<{ cookie: string; csrfToken: string }> {
  const response = await fetch(`${api.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: api.adminEmail, password: api.adminPassword }),
  });
  if (response.status !== 200) throw new Error(`Sign-in answered ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, csrfToken: ((await response.json()) as SessionInfo).csrfToken };
}

async function download(path: string): Promise<Buffer> {
  const response = await fetch(`${api.baseUrl}${path}`, { headers: { cookie: session.cookie } });
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

const oscp = (args: string[]) => runOscp(args, { DATA_DIR: api.dataDir });

beforeAll(async () => {
  api = await startBuiltApi({ waitForPublishedRun: true, embedded: true });
  work = mkdtempSync(join(tmpdir(), 'oscp-cli-server-'));
  session = await signIn();
  const periods = JSON.parse((await download('/api/periods')).toString()) as PeriodList;
  if (!periods.defaultPeriod) throw new Error('The demo run published no quarter.');
  period = periods.defaultPeriod;
  const written = await fetch(
    `${api.baseUrl}/api/commentary/FD01/${encodeURIComponent(period.replace(' ', '-'))}`,
    {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
      },
      body: JSON.stringify({ text: COMMENTARY, version: 0 }),
    },
  );
  if (written.status !== 200) throw new Error(`Writing the commentary answered ${written.status}`);
}, 300_000);

afterAll(async () => {
  await api?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the command line while the server runs on the same data folder (embedded database)', () => {
  it('prints the scorecard as JSON: the current snapshot, as the server serves it', async () => {
    const result = await oscp(['scorecard']);
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as Scorecard;
    const served = JSON.parse((await download('/api/exports/scorecard.json')).toString()) as Scorecard;
    expect(printed).toEqual(served);
    expect(printed.period).toBe(period);
    expect(printed.indicators).toHaveLength(26);
  });

  it('prints the CSV with plain-English headings and the commentary; the published view has none', async () => {
    const result = await oscp(['scorecard', '--format', 'csv']);
    expect(result.code, result.stderr).toBe(0);
    const records: Record<string, string>[] = parse(result.stdout, { columns: true });
    expect(records).toHaveLength(26);
    expect(records.find((record) => record.Code === 'FD01')?.Commentary).toBe(`'${COMMENTARY}`);
    expect(records.every((record) => record.Quarter === period)).toBe(true);

    const published = await oscp(['scorecard', '--format', 'csv', '--published-view']);
    expect(published.code, published.stderr).toBe(0);
    expect(published.stdout).not.toContain('schools campaign');
  });

  it('prints the same XLSX bytes the server gives the dashboard, with number formats', async () => {
    const result = await runOscpBytes(['scorecard', '--format', 'xlsx', '--period', period]);
    expect(result.equals(await download('/api/exports/scorecard.xlsx'))).toBe(true);
    const workbook = new Workbook();
    await workbook.xlsx.load(new Uint8Array(result).buffer);
    const sheet = workbook.worksheets[0];
    const headers = (sheet?.getRow(1).values as unknown[]).slice(1);
    const value = sheet?.getRow(2).getCell(headers.indexOf('Value') + 1);
    expect(typeof value?.value).toBe('number');
    expect(value?.numFmt).toBe('#,##0');
  });

  it('writes the briefing pack as CSV and XLSX (and PDF where Chromium is installed) from the running server', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const out = join(work, `pack.${format}`);
      const result = await oscp(['briefing', '--period', period, '--format', format, '--out', out]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain('(from the running server)');
      const slug = period.replace(' ', '-');
      expect(readFileSync(out).equals(await download(`/api/briefings/${slug}.${format}`))).toBe(true);
    }
    const pdf = join(work, 'pack.pdf');
    const printed = await oscp(['briefing', '--period', period, '--format', 'pdf', '--out', pdf]);
    if (printed.code === 0) {
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    } else {
      // No Chromium on this machine: the plain instruction, not a crash.
      expect(printed.code).toBe(1);
      expect(printed.stderr).toMatch(/Chromium/);
    }
  });

  it('fails plainly for a quarter the snapshot does not cover, and leaves the server running', async () => {
    const scorecard = await oscp(['scorecard', '--period', '2030-31 Q1']);
    expect(scorecard.code).toBe(1);
    expect(scorecard.stderr).toMatch(
      /^The period 2030-31 Q1 is not in snapshot [0-9a-f-]+ \(it covers .*\)\.\n$/,
    );
    const briefing = await oscp([
      'briefing',
      '--period',
      '2030-31 Q1',
      '--format',
      'csv',
      '--out',
      join(work, 'none.csv'),
    ]);
    expect(briefing.code).toBe(1);
    expect(briefing.stderr).toContain('The period 2030-31 Q1 is not in snapshot');
    const health = (await (await fetch(`${api.baseUrl}/api/health`)).json()) as Health;
    expect(health.database).toBe('ok');
  });
});

/** `oscp` with its stdout as bytes (the XLSX goes to stdout). */
async function runOscpBytes(args: string[]): Promise<Buffer> {
  const child = spawn(process.execPath, [BUILT_CLI, ...args], {
    env: childEnv({ DATA_DIR: api.dataDir }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`oscp ${args.join(' ')} exited ${code}: ${stderr}`);
  return Buffer.concat(chunks);
}
