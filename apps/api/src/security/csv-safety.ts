/**
 * Guards against spreadsheet formula injection (CSV injection): a text cell that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return may be run as a formula when the export is
 * opened in Excel or LibreOffice. Such cells get a leading apostrophe, which spreadsheets show
 * as plain text. Use it on every text cell of every CSV or XLSX export.
 */

export type ExportCell = string | number | boolean | Date | null | undefined;

const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** True when a spreadsheet could treat this text as a formula. */
export function isFormulaLike(text: string): boolean {
  // Even text such as "-12.5" is guarded (OWASP's rule): pass real numbers as numbers instead.
  return text.length > 0 && FORMULA_TRIGGERS.has(text.charAt(0));
}

/**
 * The value to write into a CSV or spreadsheet cell. Numbers, booleans and dates pass through
 * (they are typed, never formulas); `undefined` becomes null; risky text gets a leading `'`.
 */
export function safeCsvCell(value: ExportCell): string | number | boolean | Date | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return value;
  return isFormulaLike(value) ? `'${value}` : value;
}

/** `safeCsvCell` applied to every cell of a row (array or record). */
export function safeCsvRow(row: readonly ExportCell[]): (string | number | boolean | Date | null)[] {
  return row.map(safeCsvCell);
}

export function safeCsvRecord<K extends string>(
  record: Record<K, ExportCell>,
): Record<K, string | number | boolean | Date | null> {
  const safe = {} as Record<K, string | number | boolean | Date | null>;
  for (const key of Object.keys(record) as K[]) safe[key] = safeCsvCell(record[key]);
  return safe;
}
