import type ExcelJS from 'exceljs';
import { FileReadError } from './errors';
import type { SourceRecord } from './record';

/**
 * Streams the rows of the first worksheet (exceljs' streaming reader, so memory stays flat),
 * header first. Line = the sheet's row number. Date cells come back from exceljs as UTC Dates
 * holding the wall-clock value: their UTC fields are written out as `YYYY-MM-DD HH:MM:SS`, never
 * converted between time zones, and the cell is listed in `dateCells` so that a date column
 * can take the date part. Rows come in batches of up to 1,000.
 */
export async function* readXlsxRecords(path: string): AsyncGenerator<SourceRecord[]> {
  let reader: ExcelJS.stream.xlsx.WorkbookReader;
  // Loaded when an XLSX file is read: a large library that CSV-only runs need not load.
  const { default: excel } = await import('exceljs');
  try {
    reader = new excel.stream.xlsx.WorkbookReader(path, {
      entries: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      worksheets: 'emit',
    });
  } catch {
    throw new FileReadError('unreadable', 'is not a readable XLSX workbook');
  }
  let sawSheet = false;
  let batch: SourceRecord[] = [];
  try {
    for await (const worksheet of reader) {
      // The zip's order of sheet files need not be the tabs' order: read the first tab.
      const wanted = firstTabSheetId(reader);
      if (wanted !== undefined && numericField(worksheet, 'id') !== wanted) {
        for await (const _row of worksheet) {
          // another sheet: drained so the zip stream moves on
        }
        continue;
      }
      sawSheet = true;
      for await (const row of worksheet) {
        const values = row.values;
        const cells: string[] = [];
        const dateCells: number[] = [];
        if (Array.isArray(values)) {
          // exceljs rows are 1-based: index 0 is always empty.
          for (let i = 1; i < values.length; i += 1) {
            const value: unknown = values[i];
            if (value instanceof Date) dateCells.push(i - 1);
            cells.push(cellText(value));
          }
        }
        batch.push(
          dateCells.length > 0 ? { line: row.number, cells, dateCells } : { line: row.number, cells },
        );
        if (batch.length >= 1000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      break; // only the first sheet
    }
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    throw new FileReadError('unreadable', 'is not a readable XLSX workbook');
  }
  if (!sawSheet) throw new FileReadError('unreadable', 'has no worksheet');
}

/** exceljs sets fields its type declarations do not list (a worksheet reader's `id`). */
function numericField(value: unknown, name: string): number | undefined {
  if (typeof value !== 'object' || value === null || !(name in value)) return undefined;
  const field: unknown = (value as Record<string, unknown>)[name];
  return typeof field === 'number' ? field : undefined;
}

/** The sheet id of the workbook's first tab, once exceljs has read `xl/workbook.xml`. */
function firstTabSheetId(reader: unknown): number | undefined {
  if (typeof reader !== 'object' || reader === null || !('model' in reader)) return undefined;
  const model: unknown = reader.model;
  if (typeof model !== 'object' || model === null || !('sheets' in model) || !Array.isArray(model.sheets)) {
    return undefined;
  }
  const first: unknown = model.sheets[0];
  if (typeof first === 'object' && first !== null && 'id' in first && typeof first.id === 'number')
    return first.id;
  return undefined;
}

/** The text of one exceljs cell value. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return wallClockText(value);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) {
      return value.richText.map((part: unknown) => (isTextPart(part) ? part.text : '')).join('');
    }
    if ('result' in value) return cellText(value.result); // formula: its cached result
    if ('text' in value) return cellText(value.text); // hyperlink
    if ('error' in value) return '';
  }
  return '';
}

function isTextPart(part: unknown): part is { text: string } {
  return typeof part === 'object' && part !== null && 'text' in part && typeof part.text === 'string';
}

/** An exceljs Date's UTC fields, rounded to the second (Excel stores times as fractions of a day). */
export function wallClockText(date: Date): string {
  const rounded = new Date(Math.round(date.getTime() / 1000) * 1000);
  if (Number.isNaN(rounded.getTime())) return '';
  const day = `${String(rounded.getUTCFullYear()).padStart(4, '0')}-${pad(rounded.getUTCMonth() + 1)}-${pad(rounded.getUTCDate())}`;
  const h = rounded.getUTCHours();
  const m = rounded.getUTCMinutes();
  const s = rounded.getUTCSeconds();
  return `${day} ${pad(h)}:${pad(m)}:${pad(s)}`;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
