/**
 * A run killed with SIGKILL part-way leaves the published snapshot serving; the next start marks
 * the run failed ("interrupted") and removes its half-built files.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Health, RunDetail, Scorecard } from '@oscp/contracts';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOscp, spawnNode, BUILT_CLI } from '../support/cli';
import { signInAsAdmin, startTestApp, waitFor } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const RUN_DATE = '2025-04-30';

describe('a run killed mid-way', () => {
  let database: TestDatabase;
  let work: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    work = mkdtempSync(join(tmpdir(), 'oscp-kill-'));
  });

  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    await database?.drop();
  });

  it('leaves the previous snapshot published, and the next start marks the run failed', async () => {
    const env = { ...database.env, OSCP_RUN_DATE: RUN_DATE };
    const small = join(work, 'small');
    cpSync(resolve(__dirname, '..', 'fixtures', 'ok'), small, { recursive: true });
    const first = await runOscp(['etl', 'run', '--inbox', small], env);
    expect(first.code, first.stderr).toBe(0);
    const published = /Published snapshot ([0-9a-f-]{36})\./.exec(first.stdout)?.[1];
    expect(published).toBeDefined();

    const big = join(work, 'big');
    expect(
      (await runOscp(['demo-data', '--out', big, '--seed', '5', '--scale', '1', '--as-of', RUN_DATE], {}))
        .code,
    ).toBe(0);
    const doomed = spawnNode(BUILT_CLI, ['etl', 'run', '--inbox', big], env);
    const snapshots = join(database.dataDir, 'snapshots');
    // Kill it while it builds the new snapshot (or, failing that, while it validates).
    await waitFor(
      async () =>
        existsSync(snapshots) && readdirSync(snapshots).some((name) => name.includes('.building'))
          ? true
          : undefined,
      120_000,
      'the killed run to start building',
    ).catch(() => undefined);
    doomed.child.kill('SIGKILL');
    const killed = await doomed.result;
    expect(killed.signal).toBe('SIGKILL');

    const client = await database.connect();
    let killedRunId: string | undefined;
    if (client) {
      try {
        const rows = (await client.query(`select id, status from etl_run order by started_at desc limit 1`))
          .rows as { id: string; status: string }[];
        expect(rows[0]?.status).toBe('running');
        killedRunId = rows[0]?.id;
        const current = (await client.query(`select id from snapshot where is_current`)).rows as {
          id: string;
        }[];
        expect(current.map((row) => row.id)).toEqual([published]);
      } finally {
        await client.end();
      }
    }

    const testApp = await startTestApp({ env });
    try {
      const session = await signInAsAdmin(testApp);
      const health = (await request(testApp.server).get('/api/health').expect(200)).body as Health;
      expect(health.warehouse).toBe('ok');
      expect(health.lastRun?.status).toBe('failed');
      killedRunId ??= health.lastRun?.id;
      const run = (
        await request(testApp.server)
          .get(`/api/runs/${killedRunId}`)
          .set('cookie', session.cookie)
          .expect(200)
      ).body as RunDetail;
      expect(run.status).toBe('failed');
      expect(run.error).toMatch(/^Interrupted/);
      const scorecard = (
        await request(testApp.server).get('/api/scorecard').set('cookie', session.cookie).expect(200)
      ).body as Scorecard;
      expect(scorecard.snapshotId).toBe(published);
      expect(readdirSync(snapshots).filter((name) => name.includes('.building'))).toEqual([]);
      expect(readdirSync(snapshots)).toContain(`${published}.duckdb`);
    } finally {
      await testApp.close();
    }
  });
});
