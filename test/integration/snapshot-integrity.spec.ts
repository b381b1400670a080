import {
  cpSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
  closeSync,
  statSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import type { Health, Scorecard } from '@oscp/contracts';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineService } from '../../apps/api/src/pipeline/pipeline.service';
import { signInAsAdmin, startTestApp, type Session, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const OK_INBOX = resolve(__dirname, '..', 'fixtures', 'ok');
const RUN_DATE = '2025-06-30';

describe('snapshot files checked before they are served', () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let session: Session;
  let first: string;
  let second: string;

  const get = (path: string) => request(testApp.server).get(path).set('cookie', session.cookie);
  const inbox = () => join(database.dataDir, 'inbox');

  async function publish(): Promise<string> {
    const outcome = await testApp.app.get(PipelineService).run('cli', { runDate: RUN_DATE });
    if (outcome.run.status !== 'published' || !outcome.run.snapshotId)
      throw new Error(`The run did not publish: ${outcome.run.status} ${outcome.message}`);
    return outcome.run.snapshotId;
  }

  async function fileOf(snapshotId: string): Promise<string> {
    const rows = (await testApp.app
      .get(DataSource)
      .query('select path from snapshot where id = $1', [snapshotId])) as { path: string }[];
    return join(database.dataDir, rows[0]?.path ?? '');
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp({ env: { ...database.env, OSCP_RUN_DATE: RUN_DATE } });
    session = await signInAsAdmin(testApp);
    cpSync(OK_INBOX, inbox(), { recursive: true });
    first = await publish();
    // A later extract (new bytes under a new name), so a second snapshot is published.
    const referrals = readFileSync(join(OK_INBOX, 'referrals', 'referrals_20250401.csv'), 'utf8');
    writeFileSync(join(inbox(), 'referrals', 'referrals_20250402.csv'), `${referrals}\n\n`);
    second = await publish();
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  it('records a checksum for each published snapshot', async () => {
    const rows = (await testApp.app
      .get(DataSource)
      .query('select file_sha256 from snapshot where id = any($1::uuid[])', [[first, second]])) as {
      file_sha256: string | null;
    }[];
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.file_sha256).toMatch(/^[0-9a-f]{64}$/);
    const health = (await request(testApp.server).get('/api/health').expect(200)).body as Health;
    expect(health).toMatchObject({ status: 'ok', warehouse: 'ok' });
  });

  it('serves the previous snapshot with a notice when the current file is corrupted, and health says degraded and why', async () => {
    const path = await fileOf(second);
    // Damage the middle of the file, as a disk or a careless copy would.
    const handle = openSync(path, 'r+');
    writeSync(handle, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(statSync(path).size / 2));
    closeSync(handle);

    const response = await get('/api/scorecard');
    expect(response.status).toBe(200);
    const card = response.body as Scorecard;
    expect(card.snapshotId).toBe(first);
    expect(card.notice).toMatch(/earlier snapshot/);
    expect(card.notice).toMatch(/checksum does not match/);

    const health = (await request(testApp.server).get('/api/health').expect(200)).body as Health;
    expect(health.status).toBe('degraded');
    expect(health.warehouse).toBe('degraded');
    expect(health.reason).toContain(second);
    expect(health.reason).toContain(first);

    // Asked for by id, the damaged snapshot says so plainly instead of failing with a 500.
    const byId = await get(`/api/scorecard?snapshot=${second}`);
    expect(byId.status).toBe(503);
    expect(byId.body.message).toMatch(/cannot be read/);
  });

  it('rebuilds on the next run though nothing new arrived, and serves the rebuilt snapshot', async () => {
    const third = await publish();
    expect(third).not.toBe(second);
    const card = (await get('/api/scorecard').expect(200)).body as Scorecard;
    expect(card.snapshotId).toBe(third);
    expect(card.notice).toBeUndefined();
    const health = (await request(testApp.server).get('/api/health').expect(200)).body as Health;
    expect(health).toMatchObject({ status: 'ok', warehouse: 'ok' });
  });

  it('serves an earlier snapshot when the current file is missing, and answers 503 when none can stand in', async () => {
    const current = (await get('/api/scorecard').expect(200)).body as Scorecard;
    rmSync(await fileOf(current.snapshotId));
    const fallback = (await get('/api/scorecard').expect(200)).body as Scorecard;
    expect(fallback.snapshotId).toBe(first);
    expect(fallback.notice).toMatch(/is missing/);

    rmSync(await fileOf(first));
    const none = await get('/api/scorecard');
    expect(none.status).toBe(503);
    expect(none.body.message).toMatch(/cannot be read/);
    const health = (await request(testApp.server).get('/api/health')).body as Health;
    expect(health).toMatchObject({ status: 'degraded', warehouse: 'error' });
  });
});
