import { readCsvRecords } from './csv';
import type { SourceRecord } from './record';
import { readXlsxRecords } from './xlsx';

export * from './csv';
export * from './errors';
export * from './header';
export * from './record';
export * from './xlsx';

/**
 * The records of a CSV or XLSX file, header first, in batches (never empty). Throws
 * `FileReadError` for an unreadable file.
 */
export function readRecords(path: string, format: 'csv' | 'xlsx'): AsyncGenerator<SourceRecord[]> {
  return format === 'csv' ? readCsvRecords(path) : readXlsxRecords(path);
}
