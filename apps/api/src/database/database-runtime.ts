import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { Client } from 'pg';
import type { AppConfig } from '../config/app-config';
import { DataDirLock } from '../data-dir/data-dir-lock';
import { seedFromTemplate } from './embedded-template';

/** The database could not be reached or opened; the message is one plain line. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * Where the database is for this process: the configured PostgreSQL, or an embedded one (PGlite
 * in `DATA_DIR/postgres`, served on a loopback port to the ordinary `pg` driver). Opened before
 * Nest starts so that a bad URL or a busy data folder stops start-up with one clear line.
 */
export class DatabaseRuntime {
  private closed = false;

  private constructor(
    readonly url: string,
    readonly embedded: boolean,
    private readonly embeddedParts: { db: PGlite; server: PGLiteSocketServer; lock: DataDirLock } | null,
  ) {}

  static async open(config: AppConfig): Promise<DatabaseRuntime> {
    if (config.databaseUrl) {
      await assertReachable(config.databaseUrl);
      return new DatabaseRuntime(config.databaseUrl, false, null);
    }
    return DatabaseRuntime.openEmbedded(config.dataDir);
  }

  static async openEmbedded(dataDir: string): Promise<DatabaseRuntime> {
    const lock = DataDirLock.acquire(dataDir);
    try {
      const folder = join(dataDir, 'postgres');
      mkdirSync(dataDir, { recursive: true });
      // A new folder starts from the pre-built template (initdb and migrations done once, at build).
      seedFromTemplate(folder);
      const db = await PGlite.create(folder);
      // Single-connection mode only: the multiplexed mode is not safe under transactions.
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
      await server.start();
      const url = `postgres://postgres@${server.getServerConn()}/postgres`;
      return new DatabaseRuntime(url, true, { db, server, lock });
    } catch (error) {
      lock.releaseSync();
      throw new DatabaseUnavailableError(
        `Could not open the embedded database in ${join(dataDir, 'postgres')}: ${messageOf(error)}`,
      );
    }
  }

  /** Idempotent; call after the DataSource is destroyed. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.embeddedParts) return;
    const { db, server, lock } = this.embeddedParts;
    try {
      await server.stop();
      await db.close();
    } finally {
      lock.releaseSync();
    }
  }
}

async function assertReachable(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new DatabaseUnavailableError(
      `Could not connect to the database in DATABASE_URL (${describeServer(url)}): ${messageOf(error)}.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** host:port/database without the user name or password. */
export function describeServer(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'an unreadable URL';
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  const message = error instanceof Error ? error.message : String(error);
  return (
    message.replace(/\.$/, '') ||
    (error instanceof Error && 'code' in error ? String(error.code) : 'unknown error')
  );
}
