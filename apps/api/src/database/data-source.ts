import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { MIGRATIONS } from './migrations';

export interface DatabaseTarget {
  url: string;
  /** The embedded database accepts one connection only. */
  embedded: boolean;
}

/**
 * The one DataSource definition, used by the API, the command line and the tests: migrations
 * only (never synchronize), run on start.
 */
export function dataSourceOptions(
  target: DatabaseTarget,
  entities: MixedList<string | (new () => unknown) | EntitySchema> = [],
): PostgresConnectionOptions {
  return {
    type: 'postgres',
    url: target.url,
    entities,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTableName: 'typeorm_migrations',
    // Pending migrations run in one transaction: a fresh database is created in one commit, and
    // a failed upgrade leaves none of its migrations half applied.
    migrationsTransactionMode: 'all',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    // PGlite serves one session; every query shares it, so the pool must hold exactly one.
    poolSize: target.embedded ? 1 : 10,
    // Waiting for the pool counts against this timeout: with one embedded connection, a request
    // may queue behind a whole ETL transaction, which is normal, not a fault.
    extra: { connectionTimeoutMillis: databaseWaitLimitMs(target) },
    logging: false,
  };
}

/**
 * How long a statement may wait for the database before that is a fault: with one embedded
 * connection a request may queue behind a whole ETL transaction, which is normal.
 */
export function databaseWaitLimitMs(target: { embedded: boolean }): number {
  return target.embedded ? 300_000 : 10_000;
}

/** A DataSource outside Nest (migration tests, tooling); `runMigrations: false` leaves them to the caller. */
export function createDataSource(
  target: DatabaseTarget,
  options: { runMigrations?: boolean } = {},
): DataSource {
  return new DataSource({ ...dataSourceOptions(target), migrationsRun: options.runMigrations ?? true });
}
