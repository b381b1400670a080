import { sqlIdentifier, type Warehouse } from '@oscp/warehouse';

export type SqlLiteral = string | number | boolean | null;

/** A value written as a SQL literal (strings quoted, non-finite numbers as null). */
export function sqlLiteral(value: SqlLiteral): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  return `'${value.replaceAll("'", "''")}'`;
}

/** Inserts rows in batches of literal `values` (small tables: calendar, reference data, results). */
export async function insertRows(
  warehouse: Warehouse,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlLiteral[])[],
  batchSize = 1000,
): Promise<void> {
  const columnList = columns.map(sqlIdentifier).join(', ');
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const values = batch.map((row) => `(${row.map(sqlLiteral).join(', ')})`).join(',\n');
    await warehouse.run(`insert into ${sqlIdentifier(table)} (${columnList}) values\n${values}`);
  }
}
