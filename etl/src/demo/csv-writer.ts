import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';

/** Rows kept before a flush: a few thousand rows of a demo dataset are well under a megabyte. */
const FLUSH_AT_ROWS = 5_000;

/**
 * Writes one CSV file through a buffered stream: rows collect in memory, are turned into CSV by
 * `csv-stringify` a batch at a time and flushed with back-pressure, so a large demo inbox never
 * sits in memory whole.
 */
export class CsvFileWriter {
  private readonly stream: WriteStream;
  private pending: (readonly string[])[] = [];
  private failure: Error | null = null;
  /** Data rows written (the header not included). */
  rows = 0;

  constructor(
    readonly path: string,
    header: readonly string[],
  ) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (error: Error) => {
      this.failure = error;
    });
    this.pending.push(header);
  }

  /** Cells must already be strings; a cell with a comma, quote or line break is quoted. */
  row(cells: readonly string[]): void {
    this.pending.push(cells);
    this.rows += 1;
  }

  get needsFlush(): boolean {
    return this.pending.length >= FLUSH_AT_ROWS;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.pending.length === 0) return;
    const text = stringify(this.pending, { record_delimiter: 'unix' });
    this.pending = [];
    if (!this.stream.write(text)) await once(this.stream, 'drain');
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }
}
