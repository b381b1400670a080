import { createReadStream } from 'node:fs';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { FileReadError } from './errors';
import type { SourceRecord } from './record';

/**
 * Decodes UTF-8 strictly: one invalid byte sequence fails the stream (the file is "not UTF-8"
 * rather than silently getting replacement characters). A leading BOM is dropped by TextDecoder.
 */
export function strictUtf8Decoder(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return new Transform({
    readableObjectMode: false,
    decodeStrings: true,
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        callback(new FileReadError('not_utf8', 'is not UTF-8 text'));
        return;
      }
      callback(null, text);
    },
    flush(callback: TransformCallback): void {
      try {
        callback(null, decoder.decode());
      } catch {
        callback(new FileReadError('not_utf8', 'is not UTF-8 text'));
      }
    },
  });
}

/**
 * Streams the records of an RFC 4180 CSV file, header first, in batches (one batch per parsed
 * chunk, so a million rows cost thousands of awaits, not millions). Line numbers count records
 * (header = 1), as a spreadsheet numbers rows; an empty line is a record of one empty cell.
 * Memory stays flat: a batch is at most what one 64 KB chunk holds.
 */
export async function* readCsvRecords(path: string): AsyncGenerator<SourceRecord[]> {
  const parser = parse({
    relax_column_count: true,
    skip_empty_lines: false,
    quote: '"',
    escape: '"',
  });
  const source = createReadStream(path, { highWaterMark: 1 << 16 });
  const done = pipeline(source, strictUtf8Decoder(), parser).catch((error: unknown) => error);
  let line = 0;
  try {
    for await (const batch of readBatches(parser)) {
      const records: SourceRecord[] = new Array<SourceRecord>(batch.length);
      for (let i = 0; i < batch.length; i += 1) {
        line += 1;
        records[i] = { line, cells: batch[i] as string[] };
      }
      yield records;
    }
  } catch (error) {
    throw toReadError(error, line);
  } finally {
    // Stops reading when the consumer leaves early; a no-op once the file is read.
    source.destroy();
  }
  const failure = await done;
  if (failure) throw toReadError(failure, line);
}

/** Everything an object-mode stream has buffered, each time it has something, until it ends. */
export async function* readBatches(stream: Readable): AsyncGenerator<unknown[]> {
  let failure: unknown = null;
  let ended = false;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const resume = wake;
    wake = null;
    resume?.();
  };
  stream.on('readable', notify);
  stream.on('end', () => {
    ended = true;
    notify();
  });
  stream.on('error', (error: unknown) => {
    failure = error;
    notify();
  });
  for (;;) {
    if (failure) throw failure;
    const batch: unknown[] = [];
    let item: unknown = stream.read();
    while (item !== null) {
      batch.push(item);
      item = stream.read();
    }
    if (batch.length > 0) {
      yield batch;
      continue;
    }
    if (ended || stream.readableEnded) return;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
}
function toReadError(error: unknown, line: number): FileReadError {
  if (error instanceof FileReadError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
    return new FileReadError('unreadable', 'could not be opened');
  }
  // csv-parse codes such as CSV_INVALID_CLOSING_QUOTE: say where, not what the cell held.
  const what = code.startsWith('CSV_') ? code.slice(4).toLowerCase().replaceAll('_', ' ') : 'unreadable CSV';
  return new FileReadError('unreadable', `is not a readable CSV file (${what} after line ${line})`);
}
