/**
 * Retention keeps every snapshot an exception report was drafted from (as it keeps signed-off
 * ones), even with OSCP_SNAPSHOTS_KEEP=1, and lets it go once no report refers to it.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineService } from '../../apps/api/src/pipeline/pipeline.service';
import { SnapshotRetention } from '../../apps/api/src/pipeline/snapshot-retention';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const OK_INBOX = resolve(__dirname, '..', 'fixtures', 'ok');

describe('snapshot retention and exception reports', () => {
  let database: TestDatabase;
  let testApp: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp({ env: { ...database.env, OSCP_SNAPSHOTS_KEEP: '1' } });
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  it('keeps a snapshot while a report was drafted from it, and removes it once none is', async () => {
    const pipeline = testApp.app.get(PipelineService);
    const dataSource = testApp.app.get(DataSource);
    const publish = async (runDate: string): Promise<string> => {
      // A new run date is a new input, so each run publishes.
      const outcome = await pipeline.run('manual', { inboxDir: OK_INBOX, runDate });
      expect(outcome.run.status, outcome.run.error ?? '').toBe('published');
      return outcome.run.snapshotId ?? '';
    };
    const file = (id: string) => join(database.dataDir, 'snapshots', `${id}.duckdb`);
    const reportsFrom = async (id: string): Promise<number> => {
      const rows: { count: number }[] = await dataSource.query(
        `select count(*)::integer as count from exception_report where evidence->>'snapshotId' = $1`,
        [id],
      );
      return rows[0]?.count ?? 0;
    };

    const drafted = await publish('2025-06-01');
    expect(await reportsFrom(drafted)).toBeGreaterThan(0);
    // The same figures on later dates: the reports exist already, so none is drafted from these.
    const between = await publish('2025-06-02');
    const current = await publish('2025-06-03');
    expect(await reportsFrom(between)).toBe(0);

    expect(existsSync(file(drafted))).toBe(true);
    expect(existsSync(file(between))).toBe(false);
    expect(existsSync(file(current))).toBe(true);

    // The service never deletes a report; removing the rows stands in for the reference ending.
    await dataSource.query(`delete from exception_report where evidence->>'snapshotId' = $1`, [drafted]);
    expect(await testApp.app.get(SnapshotRetention).apply()).toEqual([drafted]);
    expect(existsSync(file(drafted))).toBe(false);
    expect(existsSync(file(current))).toBe(true);
  });
});
