import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

const FLUSH_AT_CHARS = 1 << 20;

function quoteCell(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * Writes one CSV file through a buffered stream: rows collect in memory up to about 1 MB and
 * are flushed with back-pressure, so a large demo inbox never sits in memory whole.
 */
export class CsvFileWriter {
  private readonly stream: WriteStream;
  private chunks: string[] = [];
  private bufferedChars = 0;
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
    this.push(header.join(','));
  }

  private push(line: string): void {
    this.chunks.push(line, '\n');
    this.bufferedChars += line.length + 1;
  }

  /** Cells must already be strings; a cell with a comma, quote or line break is quoted. */
  row(cells: readonly string[]): void {
    this.push(cells.map(quoteCell).join(','));
    this.rows += 1;
  }

  get needsFlush(): boolean {
    return this.bufferedChars >= FLUSH_AT_CHARS;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.chunks.length === 0) return;
    const text = this.chunks.join('');
    this.chunks = [];
    this.bufferedChars = 0;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }
}
