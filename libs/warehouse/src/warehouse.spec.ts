import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReadOnlyWarehousePool, Warehouse, WarehouseError, sqlString, withWarehouse } from './index';

const dirs: string[] = [];
const tempFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'oscp-wh-'));
  dirs.push(dir);
  return join(dir, 'w.duckdb');
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('Warehouse', () => {
  it('returns counts as numbers and dates as ISO strings', async () => {
    const rows = await withWarehouse({ path: ':memory:' }, (w) =>
      w.all(
        "select count(*) as n, date '2024-04-01' as d, timestamp '2024-04-01 09:30:00' as t from range(3)",
      ),
    );
    expect(rows).toEqual([{ n: 3, d: '2024-04-01', t: '2024-04-01 09:30:00' }]);
  });

  it('binds named parameters', async () => {
    const row = await withWarehouse({ path: ':memory:' }, (w) =>
      w.one('select $a::integer + 1 as v', { a: 41 }),
    );
    expect(row).toEqual({ v: 42 });
  });

  it('names the failing statement in its error', async () => {
    await withWarehouse({ path: ':memory:' }, async (w) => {
      await expect(w.run('select * from missing_table')).rejects.toBeInstanceOf(WarehouseError);
    });
  });

  it('serves a written file read-only, refusing writes', async () => {
    const path = tempFile();
    await withWarehouse({ path }, (w) => w.run('create table t as select 1 as a'));
    const pool = new ReadOnlyWarehousePool();
    try {
      expect(await pool.use(path, (w) => w.all('select a from t'))).toEqual([{ a: 1 }]);
      await expect(pool.use(path, (w) => w.run('insert into t values (2)'))).rejects.toThrow(/read-only/i);
    } finally {
      await pool.closeAll();
    }
  });

  it('quotes file paths for SQL', () => {
    expect(sqlString("it's.csv")).toBe("'it''s.csv'");
  });

  it('opens a file written earlier', async () => {
    const path = tempFile();
    const w = await Warehouse.open({ path });
    await w.run('create table t(x integer)');
    w.close();
    const again = await Warehouse.open({ path, readOnly: true });
    expect(await again.all('select count(*) as n from t')).toEqual([{ n: 0 }]);
    again.close();
  });
});
