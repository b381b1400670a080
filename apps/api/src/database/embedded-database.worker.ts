/**
 * The embedded database's thread (`DatabaseRuntime.openEmbedded`): PGlite, PostgreSQL compiled to
 * WebAssembly, and its loopback socket server run here, so that opening the database and every
 * statement's work leave the main thread free (at start-up it loads the application meanwhile).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import {
  CLOSE_EMBEDDED_DATABASE,
  type EmbeddedDatabaseReport,
  type EmbeddedDatabaseStart,
} from './embedded-database-protocol';
import { seedFromTemplate } from './embedded-template';

/**
 * PGlite's own start parameters, with 16 MB of shared buffers instead of PostgreSQL's 128 MB: the
 * embedded database holds a few megabytes, and the larger shared memory made the process running
 * it about 100 MB larger (a scale-1 `oscp etl run`: 404 MiB at its peak, now 298 MiB).
 */
const EMBEDDED_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

function report(message: EmbeddedDatabaseReport): void {
  parentPort?.postMessage(message);
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message.replace(/\.$/, '') ||
    (error instanceof Error && 'code' in error ? String(error.code) : 'unknown error')
  );
}

async function open({ folder }: EmbeddedDatabaseStart): Promise<void> {
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  parentPort?.on('message', (message: unknown) => {
    if (message !== CLOSE_EMBEDDED_DATABASE) return;
    void (async () => {
      try {
        await server?.stop();
        await db?.close();
      } finally {
        report({ type: 'closed' });
      }
    })();
  });
  try {
    // A new folder starts from the pre-built template (initdb and migrations done once, at build).
    seedFromTemplate(folder);
    db = await PGlite.create(folder, { startParams: EMBEDDED_START_PARAMS });
    // Single-connection mode only: the multiplexed mode is not safe under transactions.
    server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
    await server.start();
    report({ type: 'ready', url: `postgres://postgres@${server.getServerConn()}/postgres` });
  } catch (error) {
    await db?.close().catch(() => undefined);
    report({ type: 'failed', message: messageOf(error) });
  }
}

void open(workerData as EmbeddedDatabaseStart);
