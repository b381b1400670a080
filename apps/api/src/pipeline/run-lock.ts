import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { DatabaseRuntime } from '../database/database-runtime';

/** Another run holds the lock: in this process, or in another process on the same database. */
export class RunAlreadyRunningError extends Error {
  constructor() {
    super('An ETL run is already running. Wait for it to finish, then try again.');
    this.name = 'RunAlreadyRunningError';
  }
}

/** Key of the PostgreSQL advisory lock every ETL run holds (two 32-bit halves: product, purpose). */
const ADVISORY_LOCK_KEY = [0x05c9, 1] as const;

export interface HeldRunLock {
  release(): Promise<void>;
}

/**
 * One ETL run at a time: an in-process flag (the embedded database has one session, where a
 * second advisory lock request is simply granted) and a PostgreSQL session-level advisory lock
 * (across API replicas and command-line processes). A killed process's session ends and its
 * lock with it.
 */
@Injectable()
export class RunLock {
  private heldInProcess = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly database: DatabaseRuntime,
  ) {}

  /** Takes both locks, or returns null at once when either is held. */
  async tryAcquire(): Promise<HeldRunLock | null> {
    if (this.heldInProcess) return null;
    this.heldInProcess = true;
    try {
      const held = this.database.embedded
        ? await this.acquireOnSharedSession()
        : await this.acquireOnOwnSession();
      if (!held) this.heldInProcess = false;
      return held;
    } catch (error) {
      this.heldInProcess = false;
      throw error;
    }
  }

  isHeldInProcess(): boolean {
    return this.heldInProcess;
  }

  private async acquireOnSharedSession(): Promise<HeldRunLock | null> {
    if (!(await tryLock((sql, params) => this.dataSource.query(sql, params)))) return null;
    return {
      release: async () => {
        try {
          await this.dataSource.query('select pg_advisory_unlock($1, $2)', [...ADVISORY_LOCK_KEY]);
        } finally {
          this.heldInProcess = false;
        }
      },
    };
  }

  /** The lock lives on a dedicated connection held for the whole run. */
  private async acquireOnOwnSession(): Promise<HeldRunLock | null> {
    const runner: QueryRunner = this.dataSource.createQueryRunner();
    await runner.connect();
    let granted = false;
    try {
      granted = await tryLock((sql, params) => runner.query(sql, params));
    } finally {
      if (!granted) await runner.release();
    }
    if (!granted) return null;
    return {
      release: async () => {
        try {
          await runner.query('select pg_advisory_unlock($1, $2)', [...ADVISORY_LOCK_KEY]);
        } finally {
          await runner.release();
          this.heldInProcess = false;
        }
      },
    };
  }
}

type Query = (sql: string, params: unknown[]) => Promise<unknown>;

async function tryLock(query: Query): Promise<boolean> {
  const rows = (await query('select pg_try_advisory_lock($1, $2) as granted', [...ADVISORY_LOCK_KEY])) as {
    granted: boolean;
  }[];
  return rows[0]?.granted === true;
}
