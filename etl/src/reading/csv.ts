import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { FileReadError } from './errors';
import type { SourceRecord } from './record';

/**
 * Checks that the bytes are UTF-8 and passes them on unchanged (csv-parse decodes them itself):
 * one invalid sequence fails the stream, so the file is "not UTF-8" rather than silently getting
 * replacement characters. A character split across chunks is checked with the next chunk.
 */
export function strictUtf8Check(): Transform {
  let carry: Buffer = Buffer.alloc(0);
  const notUtf8 = (): FileReadError => new FileReadError('not_utf8', 'is not UTF-8 text');
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
      const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const complete = completeCharactersLength(data);
      if (!isUtf8(data.subarray(0, complete))) {
        callback(notUtf8());
        return;
      }
      carry = Buffer.from(data.subarray(complete));
      callback(null, chunk);
    },
    flush(callback: TransformCallback): void {
      callback(carry.length > 0 ? notUtf8() : null);
    },
  });
}

/** The length of `data` without a trailing, incomplete multi-byte character. */
function completeCharactersLength(data: Buffer): number {
  const end = data.length;
  for (let i = end - 1; i >= Math.max(0, end - 4); i -= 1) {
    const byte = data[i] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    if (byte < 0x80) return end;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return end - i >= needed ? end : i;
  }
  return end;
}

export interface ReadCsvOptions {
  /**
   * Only the first record (the header), as one batch: the parser stops after it, so the rest of
   * the file's first chunk is not parsed (its bytes are still checked for UTF-8). A file's check
   * reads the header this way when DuckDB reads the rest: parsing a whole 64 KB chunk with a
   * parser not yet warmed up cost 30-100 ms of CPU per file, for records that were thrown away.
   */
  firstRecordOnly?: boolean;
}

/**
 * Streams the records of an RFC 4180 CSV file, header first, in batches (one batch per parsed
 * chunk, so a million rows cost thousands of awaits, not millions). Line numbers count records
 * (header = 1), as a spreadsheet numbers rows; an empty line is a record of one empty cell.
 * Memory stays flat: a batch is at most what one 64 KB chunk holds.
 */
export async function* readCsvRecords(
  path: string,
  options: ReadCsvOptions = {},
): AsyncGenerator<SourceRecord[]> {
  const parser = parse({
    ...(options.firstRecordOnly ? { to: 1 } : {}),
    bom: true,
    // An unclosed quote would otherwise gather the rest of the file into one cell.
    max_record_size: 1 << 20,
    relax_column_count: true,
    skip_empty_lines: false,
    quote: '"',
    escape: '"',
  });
  const source = createReadStream(path, { highWaterMark: 1 << 16 });
  const done = pipeline(source, strictUtf8Check(), parser).catch((error: unknown) => error);
  let line = 0;
  try {
    for await (const batch of readBatches(parser)) {
      const records: SourceRecord[] = new Array<SourceRecord>(batch.length);
      for (let i = 0; i < batch.length; i += 1) {
        line += 1;
        records[i] = { line, cells: batch[i] as string[] };
      }
      yield records;
      // The parser has stopped and left the rest of the file unread: `done` settles only once the
      // source is destroyed (rejected, and ignored), so it is not awaited.
      if (options.firstRecordOnly) return;
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
  // (Most codes start with CSV_; csv-parse 5 raises INVALID_OPENING_QUOTE without it.)
  const what =
    error instanceof CsvError
      ? code.replace(/^CSV_/, '').toLowerCase().replaceAll('_', ' ')
      : 'unreadable CSV';
  // csv-parse counts the records it finished before the error, so the record it failed in is the
  // next one (numbered as `line` is). Records already handed on can be fewer: a chunk's records
  // are passed on only once the whole chunk is parsed.
  const finished = typeof error === 'object' && error !== null && 'records' in error ? error.records : null;
  const where = typeof finished === 'number' ? `in line ${finished + 1}` : `after line ${line}`;
  return new FileReadError('unreadable', `is not a readable CSV file (${what} ${where})`);
}
