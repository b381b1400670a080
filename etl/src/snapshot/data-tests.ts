import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Warehouse } from '@oscp/warehouse';
import type { DataTestFailure } from '../types';
import { firstLine, listSqlFiles } from './model-runner';

export interface DataTest {
  name: string;
  /** From the file's `-- test:` comment. */
  description: string;
  sql: string;
}

const DESCRIPTION = /^--\s*test:\s*(.+)$/m;

/** Every `*.sql` in `dir`, by name: a query returning the rows that fail the test. */
export function discoverDataTests(dir: string): DataTest[] {
  return listSqlFiles(dir).map((file) => {
    const sql = readFileSync(join(dir, file), 'utf8').trim().replace(/;\s*$/, '');
    const name = file.slice(0, -'.sql'.length);
    return { name, description: DESCRIPTION.exec(sql)?.[1]?.trim() ?? name, sql };
  });
}

/** Runs every data test; a test that returns rows (or cannot run) fails. */
export async function runDataTests(warehouse: Warehouse, dir: string): Promise<DataTestFailure[]> {
  const failures: DataTestFailure[] = [];
  for (const test of discoverDataTests(dir)) {
    let failingRows: number;
    try {
      const row = await warehouse.one<{ failing: number }>(
        `select cast(count(*) as integer) as failing from (\n${test.sql}\n) as failing_rows`,
      );
      failingRows = row?.failing ?? 0;
    } catch (error) {
      failures.push({
        test: test.name,
        failingRows: 0,
        description: `${test.description} (the test could not run: ${firstLine(error)})`,
      });
      continue;
    }
    if (failingRows > 0) failures.push({ test: test.name, failingRows, description: test.description });
  }
  return failures;
}
