/**
 * Raw extracts are kept no longer than OSCP_RAW_RETENTION_DAYS, a file with a personal-data column
 * not at all, and what is kept is the service user's alone (files 0600, folders 0700).
 */
import { cpSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineService } from '../../apps/api/src/pipeline/pipeline.service';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const OK_INBOX = resolve(__dirname, '..', 'fixtures', 'ok');
const RUN_DATE = '2025-06-30';
const CONTACTS_HEADER = 'contact_id,child_id,contact_datetime,source,decision_datetime,outcome';

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('raw files', () => {
  let database: TestDatabase;
  let testApp: TestApp;
  const inbox = () => join(database.dataDir, 'inbox');
  const submissions = () => join(database.dataDir, 'submissions');
  const run = () => testApp.app.get(PipelineService).run('cli', { runDate: RUN_DATE });
  const query = <T>(sql: string, parameters: unknown[] = []) =>
    testApp.app.get(DataSource).query(sql, parameters) as Promise<T>;

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp({ env: { ...database.env, OSCP_RUN_DATE: RUN_DATE } });
    cpSync(OK_INBOX, inbox(), { recursive: true });
    const first = await run();
    expect(first.run.status).toBe('published');
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  it('keeps stored copies, validated rows and snapshots readable by the service user only', () => {
    for (const folder of [inbox(), submissions(), join(database.dataDir, 'snapshots')])
      expect(modeOf(folder).toString(8), folder).toBe('700');
    const stored = readdirSync(submissions());
    expect(stored.some((name) => name.endsWith('.csv'))).toBe(true);
    expect(stored.some((name) => name.endsWith('.parquet'))).toBe(true);
    for (const name of stored) expect(modeOf(join(submissions(), name)).toString(8), name).toBe('600');
    for (const name of readdirSync(join(database.dataDir, 'snapshots')))
      expect(modeOf(join(database.dataDir, 'snapshots', name)).toString(8), name).toBe('600');
  });

  it('refuses a Child Name column and deletes that file at once, keeping the finding and its SHA-256', async () => {
    const path = join(inbox(), 'contacts', 'contacts_20250610.csv');
    writeFileSync(path, `${CONTACTS_HEADER},Child Name\nCT1,CH1,2025-05-01T09:00,1A,,,Sam Example\n`);
    const outcome = await run();
    const taken = outcome.submissions.find((row) => row.fileName === 'contacts_20250610.csv');
    expect(taken?.status).toBe('rejected');
    expect(taken?.reason).toContain('child_name');
    expect(existsSync(path)).toBe(false);
    const [row] = await query<{ sha256: string; raw_removed_at: Date | null }[]>(
      'select sha256, raw_removed_at from submission where id = $1',
      [taken?.id],
    );
    expect(row?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.raw_removed_at).not.toBeNull();
    expect(existsSync(join(submissions(), `${row?.sha256}.csv`))).toBe(false);
    const findings = await query<{ rule: string; column: string }[]>(
      'select rule, column_name as column from quality_finding where submission_id = $1',
      [taken?.id],
    );
    expect(findings).toEqual([{ rule: 'personal_data_column', column: 'child_name' }]);
  });

  it('refuses the same personal-data file sent twice in one run for its column both times, keeping neither', async () => {
    const content = `${CONTACTS_HEADER},Child Name\nCT2,CH2,2025-05-02T09:00,1A,,,Alex Example\n`;
    const paths = ['contacts_20250611.csv', 'contacts_20250612.csv'].map((name) =>
      join(inbox(), 'contacts', name),
    );
    for (const path of paths) writeFileSync(path, content);
    const outcome = await run();
    for (const name of ['contacts_20250611.csv', 'contacts_20250612.csv']) {
      const taken = outcome.submissions.find((row) => row.fileName === name);
      expect(taken?.status, name).toBe('rejected');
      expect(taken?.reason, name).toContain('child_name');
    }
    for (const path of paths) expect(existsSync(path)).toBe(false);
    const rows = await query<{ sha256: string }[]>(
      `select distinct sha256 from submission where file_name in ('contacts_20250611.csv', 'contacts_20250612.csv')`,
    );
    expect(rows).toHaveLength(1);
    expect(existsSync(join(submissions(), `${rows[0]?.sha256}.csv`))).toBe(false);
  });

  it('deletes raw files past the retention period at the next run; rows, findings and hashes stay', async () => {
    await query(`update submission set created_at = now() - interval '31 days' where raw_removed_at is null`);
    const expired = await query<{ id: string; sha256: string; inbox_path: string; file_name: string }[]>(
      `select id, sha256, inbox_path, file_name from submission where raw_removed_at is null`,
    );
    expect(expired.length).toBeGreaterThan(0);
    const outcome = await run();
    expect(outcome.submissions).toEqual([]);
    for (const submission of expired) {
      expect(existsSync(join(inbox(), submission.inbox_path)), submission.inbox_path).toBe(false);
      expect(existsSync(join(submissions(), `${submission.sha256}.csv`))).toBe(false);
    }
    const left = await query<{ n: number }[]>(
      `select count(*)::int as n from submission where raw_removed_at is null`,
    );
    expect(left[0]?.n).toBe(0);
    // The validated rows stay, so the next build still has every accepted file.
    expect(readdirSync(submissions()).filter((name) => name.endsWith('.parquet')).length).toBeGreaterThan(0);
    const rebuilt = await testApp.app.get(PipelineService).run('cli', { runDate: '2025-07-01' });
    expect(rebuilt.run.status, rebuilt.message).toBe('published');
  });
});
