import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ReadOnlyWarehousePool,
  Warehouse,
  WarehouseError,
  machineMemoryLimit,
  closeIdleScratchWarehouse,
  sqlString,
  withScratchWarehouse,
  withWarehouse,
} from './index';

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

  it('appends rows that read back as the same rows inserted as SQL literals would', async () => {
    await withWarehouse({ path: ':memory:' }, async (w) => {
      const table = (name: string) =>
        `create table ${name} (d date, n integer, b boolean, x double, s varchar, t timestamp, j json, k bigint)`;
      await w.run(table('appended'));
      await w.run(table('inserted'));
      const columns = ['d', 'n', 'b', 'x', 's', 't', 'j', 'k'];
      await w.append('appended', columns, [
        ['2025-03-31', 7, true, 0.1 + 0.2, "it's", '2025-03-31 09:30:00', '{"a":[1,2]}', 2 ** 40],
        [null, 7.6, false, Number.NaN, '', null, null, -3],
      ]);
      await w.run(`insert into inserted values
        ('2025-03-31', 7, true, 0.30000000000000004, 'it''s', '2025-03-31 09:30:00', '{"a":[1,2]}', 1099511627776),
        (null, 7.6, false, null, '', null, null, -3)`);
      const appended = await w.all('select * from appended order by b desc');
      expect(appended).toEqual(await w.all('select * from inserted order by b desc'));
      expect(appended[0]).toMatchObject({ d: '2025-03-31', n: 7, x: 0.1 + 0.2, s: "it's", k: 2 ** 40 });
      expect(appended[1]).toMatchObject({ n: 8, x: null });
    });
  });

  it("refuses to append with columns that are not the table's, in order", async () => {
    await withWarehouse({ path: ':memory:' }, async (w) => {
      await w.run('create table pair (a integer, b varchar)');
      await expect(w.append('pair', ['b', 'a'], [['x', 1]])).rejects.toThrow(
        /columns given \(b, a\) are not the table's, in order \(a, b\)/,
      );
      await expect(w.append('missing', ['a'], [[1]])).rejects.toThrow(/no such table/);
      expect(await w.all('select * from pair')).toEqual([]);
    });
  });

  it('reports a value its column cannot take, naming the table', async () => {
    await withWarehouse({ path: ':memory:' }, async (w) => {
      await w.run('create table day (d date)');
      await expect(w.append('day', ['d'], [['2025-02-30']])).rejects.toThrow(/Cannot append to day: /);
      await expect(w.append('day', ['d'], [['2025-02-28', 'extra']])).rejects.toThrow(
        /2 values for 1 columns/,
      );
    });
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

  it('takes a share of the machine memory, never more than the ceiling given nor less than 256 MB', () => {
    const share = Math.floor((totalmem() * 0.4) / 2 ** 20);
    expect(machineMemoryLimit(0.4)).toBe(`${Math.max(256, share)}MB`);
    expect(machineMemoryLimit(0.4, 300)).toBe(`${Math.max(256, Math.min(300, share))}MB`);
    expect(machineMemoryLimit(0.000001, 300)).toBe('256MB');
  });

  it('gives a second connection that sees the same tables and runs beside the first', async () => {
    await withWarehouse({ path: ':memory:' }, async (w) => {
      await w.run('create table t as select range as n from range(5)');
      const second = await w.connect();
      try {
        const [a, b] = await Promise.all([
          w.one<{ n: number }>('select count(*) as n from t'),
          second.one<{ n: number }>('select sum(n) as n from t'),
        ]);
        expect([a?.n, b?.n]).toEqual([5, 10]);
      } finally {
        second.close();
      }
      // Closing the second connection leaves the database open.
      expect(await w.one('select count(*) as n from t')).toEqual({ n: 5 });
    });
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

describe('withScratchWarehouse', () => {
  afterEach(() => closeIdleScratchWarehouse());

  /** A spill folder of the call's own, not yet made (DuckDB makes it when it first spills). */
  const spillFolder = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'oscp-spill-'));
    dirs.push(dir);
    return join(dir, 'spill');
  };
  /** Marks the instance (a global setting, not the lent database) so a later call can tell it got the same one. */
  const markInstance = (w: Warehouse) => w.run('set global max_expression_depth = 999');
  const instanceMarked = async (w: Warehouse) =>
    (await w.one<{ depth: number }>(`select current_setting('max_expression_depth')::integer as depth`))
      ?.depth === 999;
  const spillInto = (w: Warehouse) =>
    w.run(
      `create table spilled as select range as i, md5(range::varchar) as s from range(2000000) order by s`,
    );

  it('gives each call an empty database on the instance the previous call left', async () => {
    await withScratchWarehouse({ tempDirectory: spillFolder() }, async (w) => {
      await markInstance(w);
      await w.run('create table kept_rows as select 1 as x');
    });
    await withScratchWarehouse({ tempDirectory: spillFolder() }, async (w) => {
      expect(await instanceMarked(w)).toBe(true);
      expect(
        await w.all(`select table_name from duckdb_tables() where database_name = current_database()`),
      ).toEqual([]);
      await w.run('create table kept_rows as select 2 as x');
      expect(await w.all('select x from kept_rows')).toEqual([{ x: 2 }]);
    });
  });

  it('applies each call’s memory limit', async () => {
    for (const limit of ['300.0 MiB', '500.0 MiB']) {
      const setting = await withScratchWarehouse(
        { memoryLimit: limit.replace('.0 MiB', 'MiB'), tempDirectory: spillFolder() },
        (w) => w.one<{ limit: string }>(`select current_setting('memory_limit') as limit`),
      );
      expect(setting?.limit).toBe(limit);
    }
  });

  it('runs a call on the threads it asks for, and the next call on every core again', async () => {
    const threads = (w: Warehouse) =>
      w.one<{ threads: number }>(`select current_setting('threads')::integer as threads`);
    const one = await withScratchWarehouse({ threads: 1, tempDirectory: spillFolder() }, async (w) => {
      await markInstance(w);
      return threads(w);
    });
    const every = await withScratchWarehouse({ tempDirectory: spillFolder() }, async (w) => {
      expect(await instanceMarked(w)).toBe(true);
      return threads(w);
    });
    expect(one?.threads).toBe(1);
    expect(every?.threads).toBe(cpus().length);
    await expect(withScratchWarehouse({ threads: 0, tempDirectory: spillFolder() }, threads)).rejects.toThrow(
      /whole number of threads/,
    );
  });

  it('gives a second connection of the call the lent database, not the instance’s own', async () => {
    await withScratchWarehouse({ tempDirectory: spillFolder() }, async (w) => {
      await w.run('create table mine as select 1 as x');
      const other = await w.connect();
      try {
        expect(await other.all('select x from mine')).toEqual([{ x: 1 }]);
      } finally {
        other.close();
      }
    });
  });

  it('never reuses the instance of a call that failed', async () => {
    await expect(
      withScratchWarehouse({ tempDirectory: spillFolder() }, async (w) => {
        await markInstance(w);
        await w.run('select * from no_such_table');
      }),
    ).rejects.toThrow(/no_such_table/);
    expect(await withScratchWarehouse({ tempDirectory: spillFolder() }, instanceMarked)).toBe(false);
  });

  it('never reuses an instance left holding anything outside the lent database', async () => {
    const leaks = ['create table memory.main.leaked as select 1 as x', `attach ':memory:' as left_attached`];
    for (const leak of leaks) {
      await withScratchWarehouse({ tempDirectory: spillFolder() }, async (w) => {
        await markInstance(w);
        await w.run(leak);
      });
      expect(await withScratchWarehouse({ tempDirectory: spillFolder() }, instanceMarked), leak).toBe(false);
    }
  });

  it('rolls back a transaction the call left open, and still reuses the instance', async () => {
    await withScratchWarehouse({ tempDirectory: spillFolder() }, async (w) => {
      await markInstance(w);
      await w.run('begin');
      await w.run('create table unfinished as select 1 as x');
    });
    await withScratchWarehouse({ tempDirectory: spillFolder() }, async (w) => {
      expect(await instanceMarked(w)).toBe(true);
      expect(await w.all(`select table_name from duckdb_tables() where table_name = 'unfinished'`)).toEqual(
        [],
      );
    });
  });

  it('closes the instance of a call that closed its connection', async () => {
    await withScratchWarehouse({ tempDirectory: spillFolder() }, async (w) => {
      await markInstance(w);
      w.close();
    });
    expect(await withScratchWarehouse({ tempDirectory: spillFolder() }, instanceMarked)).toBe(false);
  });

  it('gives two calls at once a database each', async () => {
    const both = await Promise.all(
      [1, 2].map((x) =>
        withScratchWarehouse({ tempDirectory: spillFolder() }, async (w) => {
          await w.run(`create table mine as select ${x} as x`);
          await new Promise((resolve) => setTimeout(resolve, 20));
          return w.all('select x from mine');
        }),
      ),
    );
    expect(both).toEqual([[{ x: 1 }], [{ x: 2 }]]);
  });

  it('spills into each call’s own folder, frees it when the call ends, and does not reuse an instance that spilled', async () => {
    const first = spillFolder();
    const second = spillFolder();
    await withScratchWarehouse({ memoryLimit: '64MB', tempDirectory: first }, async (w) => {
      await markInstance(w);
      await spillInto(w);
      expect(readdirSync(first).length).toBeGreaterThan(0);
    });
    // Its spill files are gone (and the folder too, which DuckDB made, when the instance closed).
    expect(existsSync(first) ? readdirSync(first) : []).toEqual([]);
    rmSync(first, { recursive: true, force: true });
    await withScratchWarehouse({ memoryLimit: '64MB', tempDirectory: second }, async (w) => {
      expect(await instanceMarked(w)).toBe(false);
      await spillInto(w);
      expect(readdirSync(second).length).toBeGreaterThan(0);
    });
    expect(existsSync(first)).toBe(false);
  });
});
