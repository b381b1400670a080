import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';

/**
 * Prepared copies of the shipped DfE files: each file's records as JSON, made by `npm run build`
 * beside the compiled code. Every build of a snapshot reads these files, and csv-parse took
 * 0.15-0.25 s on them in a fresh process (before V8 has optimised it), on the critical path of
 * every run; JSON.parse takes a few milliseconds. A copy is used only when it was made from the
 * same bytes (SHA-256), so a file replaced after the build is parsed afresh.
 */
export const PREPARED_DFE_DIR = join(__dirname, 'dfe-prepared');

/** A CSV file's header and records, every cell trimmed. */
export interface DfeRecords {
  header: string[];
  records: string[][];
}

interface PreparedFile extends DfeRecords {
  sha256: string;
}

/** Parses a DfE CSV file: header row first, blank lines skipped, cells trimmed. */
export function parseDfeCsv(bytes: Buffer): DfeRecords {
  // csv-parse refuses a record whose length differs from the header's.
  const rows = parse(bytes, { bom: true, skip_empty_lines: true, trim: true }) as string[][];
  const [header, ...records] = rows;
  return { header: header ?? [], records };
}

/** The records of the CSV file at `csvPath`, from its prepared copy when that matches the file. */
export function readDfeRecords(csvPath: string, preparedDir: string = PREPARED_DFE_DIR): DfeRecords {
  const bytes = readFileSync(csvPath);
  return readPrepared(preparedPath(csvPath, preparedDir), sha256Of(bytes)) ?? parseDfeCsv(bytes);
}

/** Writes the prepared copy of each CSV file into `preparedDir` (each replaced whole). */
export function writePreparedDfeFiles(
  csvPaths: readonly string[],
  preparedDir: string = PREPARED_DFE_DIR,
): void {
  mkdirSync(preparedDir, { recursive: true });
  for (const csvPath of csvPaths) {
    const bytes = readFileSync(csvPath);
    const prepared: PreparedFile = { sha256: sha256Of(bytes), ...parseDfeCsv(bytes) };
    const target = preparedPath(csvPath, preparedDir);
    writeFileSync(`${target}.writing`, JSON.stringify(prepared));
    renameSync(`${target}.writing`, target);
  }
}

function preparedPath(csvPath: string, preparedDir: string): string {
  return join(preparedDir, `${basename(csvPath)}.json`);
}

function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function readPrepared(path: string, sha256: string): DfeRecords | null {
  if (!existsSync(path)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
  if (!isPreparedFile(parsed) || parsed.sha256 !== sha256) return null;
  return { header: parsed.header, records: parsed.records };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((cell) => typeof cell === 'string');
}

function isPreparedFile(value: unknown): value is PreparedFile {
  if (typeof value !== 'object' || value === null) return false;
  const { sha256, header, records } = value as Partial<Record<keyof PreparedFile, unknown>>;
  return (
    typeof sha256 === 'string' &&
    isStringArray(header) &&
    Array.isArray(records) &&
    records.every((record) => isStringArray(record) && record.length === header.length)
  );
}
