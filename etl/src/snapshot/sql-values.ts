export type SqlLiteral = string | number | boolean | null;

/** A value written as a SQL literal (strings quoted, non-finite numbers as null). */
export function sqlLiteral(value: SqlLiteral): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  return `'${value.replaceAll("'", "''")}'`;
}
