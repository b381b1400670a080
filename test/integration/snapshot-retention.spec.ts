import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineService } from '../../apps/api/src/pipeline/pipeline.service';
import { SnapshotStore } from '../../apps/api/src/pipeline/snapshot-store';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const OK_INBOX = resolve(__dirname, '..', 'fixtures', 'ok');

describe('snapshot retention', () => {
  let database: TestDatabase;
  let testApp: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp({ env: { ...database.env, OSCP_SNAPSHOTS_KEEP: '2' } });
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  it('keeps the newest OSCP_SNAPSHOTS_KEEP and every pinned snapshot, and deletes the others’ files', async () => {
    const pipeline = testApp.app.get(PipelineService);
    const publish = async (runDate: string): Promise<string> => {
      // A new run date is a new input, so each run publishes.
      const outcome = await pipeline.run('manual', { inboxDir: OK_INBOX, runDate });
      expect(outcome.run.status, outcome.run.error ?? '').toBe('published');
      return outcome.run.snapshotId ?? '';
    };
    const file = (id: string) => join(database.dataDir, 'snapshots', `${id}.duckdb`);

    const pinned = await publish('2025-06-01');
    await testApp.app.get(DataSource).query('update snapshot set pinned = true where id = $1', [pinned]);
    const dropped = await publish('2025-06-02');
    const kept = await publish('2025-06-03');
    const current = await publish('2025-06-04');

    expect(existsSync(file(pinned))).toBe(true);
    expect(existsSync(file(dropped))).toBe(false);
    expect(existsSync(file(kept))).toBe(true);
    expect(existsSync(file(current))).toBe(true);

    const store = testApp.app.get(SnapshotStore);
    expect((await store.list()).map((snapshot) => snapshot.id)).toEqual([current, kept, pinned]);
    expect(await store.byId(dropped)).toBeNull();
    expect((await store.current())?.id).toBe(current);
  });
});
