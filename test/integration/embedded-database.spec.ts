import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Health } from '@oscp/contracts';
import { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILT_SERVER, runOscp, spawnNode } from '../support/cli';
import { startTestApp, waitFor } from '../support/test-app';

// The zero-set-up database: always embedded here, whatever TEST_DATABASE_URL says.
const dataDirs: string[] = [];
function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oscp-embedded-'));
  dataDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe('the embedded database', () => {
  it('keeps its data across a stop and a start on the same data folder', async () => {
    const env = { DATA_DIR: freshDataDir(), DATABASE_URL: '' };
    const first = await startTestApp({ env });
    await first.app
      .get(DataSource)
      .query(
        `insert into etl_run (trigger, status, run_date, error, finished_at) values ('manual', 'failed', '2025-04-30', 'kept across restarts', now())`,
      );
    await first.close();

    const second = await startTestApp({ env });
    try {
      const rows = (await second.app.get(DataSource).query(`select error from etl_run`)) as {
        error: string;
      }[];
      expect(rows.map((row) => row.error)).toEqual(['kept across restarts']);
    } finally {
      await second.close();
    }
  });

  it('starts a fresh data folder from the built template: migrated, with no template databases, 16 MB of shared buffers', async () => {
    const app = await startTestApp({ env: { DATA_DIR: freshDataDir(), DATABASE_URL: '' } });
    try {
      const dataSource = app.app.get(DataSource);
      const databases = (await dataSource.query(`select datname from pg_database order by datname`)) as {
        datname: string;
      }[];
      expect(databases.map((row) => row.datname)).toEqual(['postgres']);
      const applied = (await dataSource.query(`select count(*)::integer as n from typeorm_migrations`)) as {
        n: number;
      }[];
      expect(applied[0]?.n).toBe(dataSource.migrations.length);
      expect(await dataSource.showMigrations()).toBe(false);
      // Sized for a database of a few megabytes, not PostgreSQL's 128 MB default.
      const buffers = (await dataSource.query(`select current_setting('shared_buffers') as size`)) as {
        size: string;
      }[];
      expect(buffers[0]?.size).toBe('16MB');
    } finally {
      await app.close();
    }
  });

  it('refuses a second server or command line on a data folder a running server holds', async () => {
    const dataDir = freshDataDir();
    const server = spawnNode(BUILT_SERVER, [], { DATA_DIR: dataDir, PORT: '0' });
    try {
      // The server prints its address once it listens; by then it holds the data folder.
      await waitFor(
        async () => (/running at http:\/\/localhost:(\d+)/.test(server.stderrSoFar()) ? true : undefined),
        60_000,
        'the first server',
      );
      const port = Number(/running at http:\/\/localhost:(\d+)/.exec(server.stderrSoFar())?.[1]);
      const health = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as Health;
      expect(health.database).toBe('ok');

      const second = await spawnNode(BUILT_SERVER, [], { DATA_DIR: dataDir, PORT: '0' }).result;
      expect(second.code).toBe(1);
      expect(second.stderr.trim().split('\n')).toEqual([
        `The data folder ${dataDir} is in use by another OSCP process (pid ${server.child.pid}).`,
      ]);

      const cli = await runOscp(['etl', 'run', '--data-dir', dataDir], {});
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain(`is in use by another OSCP process (pid ${server.child.pid})`);
    } finally {
      server.child.kill('SIGTERM');
      await server.result;
    }
  });
});
