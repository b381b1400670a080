import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Client } from 'pg';
import type { AppConfig } from '../config/app-config';
import { DataDirLock } from '../data-dir/data-dir-lock';
import {
  CLOSE_EMBEDDED_DATABASE,
  type EmbeddedDatabaseReport,
  type EmbeddedDatabaseStart,
} from './embedded-database-protocol';

/** The database could not be reached or opened; the message is one plain line. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * The embedded database thread's script: beside this file when compiled, or in `dist` when this
 * file runs from its TypeScript source (tests).
 */
function embeddedWorkerPath(): string {
  const candidates = [
    join(__dirname, 'embedded-database.worker.js'),
    join(__dirname, '..', '..', 'dist', 'database', 'embedded-database.worker.js'),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found)
    throw new Error(
      `the embedded database is not built (looked for ${candidates.join(', ')}); run "npm run build"`,
    );
  return found;
}

/** The thread's first report: the URL, or why it could not open. */
function readyUrl(worker: Worker): Promise<string> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number): void => reject(new Error(`its thread stopped (exit code ${code})`));
    worker.once('error', reject);
    worker.once('exit', onExit);
    worker.once('message', (report: EmbeddedDatabaseReport) => {
      worker.off('error', reject);
      worker.off('exit', onExit);
      if (report.type === 'ready') resolve(report.url);
      else reject(new Error(report.type === 'failed' ? report.message : 'it closed while opening'));
    });
  });
}

/**
 * Where the database is for this process: the configured PostgreSQL, or an embedded one (PGlite
 * in `DATA_DIR/postgres`, in a thread of its own, served on a loopback port to the ordinary `pg`
 * driver). Opened before Nest starts so that a bad URL or a busy data folder stops start-up with
 * one clear line; `open` may be started before the application's modules are loaded, which the
 * embedded database's thread then opens beside.
 */
export class DatabaseRuntime {
  private closed = false;

  private constructor(
    readonly url: string,
    readonly embedded: boolean,
    private readonly embeddedParts: { worker: Worker; lock: DataDirLock } | null,
  ) {}

  /**
   * The embedded database takes the data folder's lock before this returns, and throws at once
   * (not in the promise) when another process holds it: a caller can start on the data folder as
   * soon as this has returned.
   */
  static open(config: AppConfig): Promise<DatabaseRuntime> {
    const { databaseUrl } = config;
    if (databaseUrl) {
      return assertReachable(databaseUrl).then(() => new DatabaseRuntime(databaseUrl, false, null));
    }
    return DatabaseRuntime.openEmbedded(config.dataDir);
  }

  /** Takes the data folder's lock at once (throwing if another process holds it), then opens. */
  static openEmbedded(dataDir: string): Promise<DatabaseRuntime> {
    const lock = DataDirLock.acquire(dataDir);
    return DatabaseRuntime.startEmbedded(dataDir, lock);
  }

  private static async startEmbedded(dataDir: string, lock: DataDirLock): Promise<DatabaseRuntime> {
    let worker: Worker | undefined;
    try {
      mkdirSync(dataDir, { recursive: true });
      const start: EmbeddedDatabaseStart = { folder: join(dataDir, 'postgres') };
      worker = new Worker(embeddedWorkerPath(), { workerData: start });
      const url = await readyUrl(worker);
      return new DatabaseRuntime(url, true, { worker, lock });
    } catch (error) {
      await worker?.terminate().catch(() => undefined);
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
    const { worker, lock } = this.embeddedParts;
    try {
      const closed = new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.once('message', (report: EmbeddedDatabaseReport) => {
          if (report.type === 'closed') resolve();
        });
      });
      worker.postMessage(CLOSE_EMBEDDED_DATABASE);
      await closed;
      await worker.terminate();
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
