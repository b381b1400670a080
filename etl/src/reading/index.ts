import { readCsvRecords, type ReadCsvOptions } from './csv';
import type { SourceRecord } from './record';
import { readXlsxRecords } from './xlsx';

export * from './csv';
export * from './errors';
export * from './header';
export * from './record';
export * from './xlsx';

/**
 * The records of a CSV or XLSX file, header first, in batches (never empty). Throws
 * `FileReadError` for an unreadable file. `firstRecordOnly` applies to CSV files only.
 */
export function readRecords(
  path: string,
  format: 'csv' | 'xlsx',
  options: ReadCsvOptions = {},
): AsyncGenerator<SourceRecord[]> {
  return format === 'csv' ? readCsvRecords(path, options) : readXlsxRecords(path);
}
