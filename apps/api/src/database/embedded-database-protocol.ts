/** Messages between `DatabaseRuntime` and the embedded database's thread. */

/** What the thread is given: the database folder (`DATA_DIR/postgres`). */
export interface EmbeddedDatabaseStart {
  folder: string;
}

/** What the thread says: ready (with the URL to connect to), could not open, or closed. */
export type EmbeddedDatabaseReport =
  { type: 'ready'; url: string } | { type: 'failed'; message: string } | { type: 'closed' };

/** What the main thread asks: close the database and stop. */
export const CLOSE_EMBEDDED_DATABASE = 'close';
