import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../../apps/api/src/database/data-source';
import { DatabaseRuntime } from '../../apps/api/src/database/database-runtime';
import { MIGRATIONS } from '../../apps/api/src/database/migrations';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Real PostgreSQL when TEST_DATABASE_URL is set (CI); the embedded database otherwise.
describe('migrations', () => {
  let database: TestDatabase;
  let runtime: DatabaseRuntime | null = null;
  let url: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    if (database.url) url = database.url;
    else {
      runtime = await DatabaseRuntime.openEmbedded(database.dataDir);
      url = runtime.url;
    }
  });

  afterAll(async () => {
    await runtime?.close();
    await database?.drop();
  });

  it('run up from empty, down one by one to empty, and up again', async () => {
    const dataSource = createDataSource({ url, embedded: runtime !== null }, { runMigrations: false });
    await dataSource.initialize();
    try {
      const tables = async (): Promise<string[]> =>
        (
          (await dataSource.query(
            `select table_name from information_schema.tables where table_schema = 'public' order by 1`,
          )) as { table_name: string }[]
        )
          .map((row) => row.table_name)
          .filter((name) => name !== 'typeorm_migrations');

      const applied = await dataSource.runMigrations({ transaction: 'each' });
      expect(applied).toHaveLength(MIGRATIONS.length);
      expect(await tables()).toEqual(
        expect.arrayContaining(['etl_run', 'submission', 'quality_finding', 'snapshot', 'quarter_signoff']),
      );
      expect(await tables()).toEqual(
        expect.arrayContaining(['subgroup', 'exception_report', 'exception_report_history', 'commentary']),
      );
      const seeded = (await dataSource.query(`select id from subgroup order by id`)) as { id: string }[];
      expect(seeded.map((row) => row.id)).toEqual([
        'performance-co-ordination',
        'safeguarding-review-and-learning-group',
      ]);
      const indexes = (
        (await dataSource.query(`select indexname from pg_indexes where tablename = 'quality_finding'`)) as {
          indexname: string;
        }[]
      ).map((row) => row.indexname);
      expect(indexes).toContain('ix_quality_finding_run_dataset_rule');
      const startedAt = (await dataSource.query(
        `select data_type from information_schema.columns where table_name = 'etl_run' and column_name = 'started_at'`,
      )) as { data_type: string }[];
      expect(startedAt[0]?.data_type).toBe('timestamp with time zone');

      for (let step = 0; step < MIGRATIONS.length; step += 1)
        await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await tables()).toEqual([]);

      expect(await dataSource.runMigrations({ transaction: 'each' })).toHaveLength(MIGRATIONS.length);
      expect(await tables()).toEqual(
        expect.arrayContaining(['etl_run', 'submission', 'quality_finding', 'snapshot', 'quarter_signoff']),
      );
    } finally {
      await dataSource.destroy();
    }
  });
});
