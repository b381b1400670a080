import { existsSync } from 'node:fs';
import { totalmem } from 'node:os';
import type { DuckDBAppender, DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';

type DuckDbBindings = typeof import('@duckdb/node-api');
let bindings: DuckDbBindings | null = null;

/**
 * DuckDB's bindings, loaded by the first warehouse a process opens (about 50 ms and 180 modules):
 * the command line's main process loads the ETL library at start but opens no warehouse until
 * a run has built its snapshot. A require, not an `import()`: Node's ES-module loader would first
 * scan the package's CommonJS modules for their exports.
 */
function duckdb(): DuckDbBindings {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  bindings ??= require('@duckdb/node-api') as DuckDbBindings;
  return bindings;
}

/** Loads DuckDB's bindings now, so that the first warehouse opened later need not. */
export function preloadWarehouse(): void {
  try {
    duckdb();
  } catch {
    // Opening a warehouse reports the problem, in its own words.
  }
}

/** A plain JSON-friendly cell: numbers for numeric types, ISO strings for dates and timestamps. */
export type Cell = string | number | boolean | null | Cell[] | { [key: string]: Cell };
export type Row = Record<string, Cell>;
export type Params = Record<string, DuckDBValue> | DuckDBValue[];
/** A value appended to a table's column (`Warehouse.append`). */
export type AppendValue = string | number | boolean | null;

export interface WarehouseOptions {
  /** A DuckDB file, or `:memory:`. */
  path: string;
  readOnly?: boolean;
  /** e.g. `2GB`; DuckDB's default is 80% of RAM. */
  memoryLimit?: string;
  threads?: number;
  /**
   * Where DuckDB spills past its memory limit. DuckDB's own default for an in-memory database is
   * `.tmp` in the working folder; the product keeps its spill files in its data folder.
   */
  tempDirectory?: string;
}

/**
 * A DuckDB memory limit as a share of this machine's memory (at least 256 MB, at most `maxMb`
 * when given): DuckDB's own default is 80% of RAM per instance, which several instances in one
 * process would overrun. Past its limit DuckDB spills to its temporary folder.
 */
export function machineMemoryLimit(share: number, maxMb = Number.POSITIVE_INFINITY): string {
  return `${Math.max(256, Math.min(maxMb, Math.floor((totalmem() * share) / 2 ** 20)))}MB`;
}

export class WarehouseError extends Error {
  constructor(
    message: string,
    readonly sql?: string,
  ) {
    super(message);
    this.name = 'WarehouseError';
  }
}

/** Every instance's: extensions never download (offline machines), only the built-in ones load. */
const OFFLINE_SETTINGS: Readonly<Record<string, string>> = {
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
};

const NUMERIC_TEXT_TYPES = /^(BIGINT|HUGEINT|UBIGINT|UHUGEINT|DECIMAL)/;

/**
 * One DuckDB database with one connection (`connect` gives it another). Extensions never
 * download (offline machines): the built-in json, parquet and icu are all the product uses.
 */
export class Warehouse {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    readonly path: string,
    readonly readOnly: boolean,
    /** False for a second connection: closing it leaves the database open. */
    private readonly ownsDatabase = true,
  ) {}

  /** The database `withScratchWarehouse` lent (attached to a kept instance), or null. */
  private scratchDatabase: string | null = null;

  /**
   * Another connection to the same database, whose statements run beside this one's (its own
   * transactions; attached databases are shared). Close it before the warehouse it came from.
   */
  async connect(): Promise<Warehouse> {
    const connection = await this.instance.connect();
    const other = new Warehouse(this.instance, connection, this.path, this.readOnly, false);
    if (this.scratchDatabase !== null) {
      // A borrowed database's other connections work in it too, not in the instance's own.
      await other.run(`use ${this.scratchDatabase}`);
      other.scratchDatabase = this.scratchDatabase;
    }
    return other;
  }

  static async open(options: WarehouseOptions): Promise<Warehouse> {
    const settings: Record<string, string> = { ...OFFLINE_SETTINGS };
    if (options.readOnly) settings.access_mode = 'READ_ONLY';
    if (options.memoryLimit) settings.memory_limit = options.memoryLimit;
    if (options.threads) settings.threads = String(options.threads);
    if (options.tempDirectory) settings.temp_directory = options.tempDirectory;
    try {
      const { DuckDBInstance } = duckdb();
      const instance = await DuckDBInstance.create(options.path, settings);
      const connection = await instance.connect();
      return new Warehouse(instance, connection, options.path, options.readOnly ?? false);
    } catch (error) {
      throw new WarehouseError(`Could not open the warehouse file: ${messageOf(error)}`);
    }
  }

  /** Runs statements that return nothing the caller needs. */
  async run(sql: string, params?: Params): Promise<void> {
    try {
      await this.connection.run(sql, params);
    } catch (error) {
      throw new WarehouseError(messageOf(error), sql);
    }
  }

  /** Rows as plain objects: BIGINT and DECIMAL as numbers, DATE `YYYY-MM-DD`, TIMESTAMP `YYYY-MM-DD HH:MM:SS`. */
  async all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    try {
      const reader = await this.connection.runAndReadAll(sql, params);
      const types = reader.columnTypes().map(String);
      const names = reader.columnNames();
      const numericColumns = names.filter((_, i) => NUMERIC_TEXT_TYPES.test(types[i] ?? ''));
      const rows = reader.getRowObjectsJson() as Row[];
      if (numericColumns.length > 0) {
        for (const row of rows) {
          for (const name of numericColumns) {
            const cell = row[name];
            if (typeof cell === 'string') row[name] = Number(cell);
          }
        }
      }
      return rows as T[];
    } catch (error) {
      throw new WarehouseError(messageOf(error), sql);
    }
  }

  /**
   * Appends rows to a table of this database's main schema, with DuckDB's appender: `columns`
   * must be the table's columns in their order. A string is cast to its column's type as a string
   * literal would be, a number as a number, a non-finite number is null. The calendar's 2,500 rows
   * took 40-50 ms as `insert ... values` statements (mostly parsing them) and take about 4 ms.
   */
  async append(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly AppendValue[])[],
  ): Promise<void> {
    const described = await this.all<{ name: string }>(
      `select column_name as name from duckdb_columns()
       where database_name = current_database() and schema_name = 'main' and table_name = $table
       order by column_index`,
      { table },
    );
    const actual = described.map((row) => row.name);
    if (actual.join('\u0000') !== columns.join('\u0000'))
      throw new WarehouseError(
        `Cannot append to ${table}: the columns given (${columns.join(', ')}) are not the table's, in order (${actual.join(', ') || 'no such table'})`,
      );
    let appender: DuckDBAppender | undefined;
    try {
      appender = await this.connection.createAppender(table);
      for (const row of rows) {
        if (row.length !== columns.length)
          throw new Error(`a row of ${row.length} values for ${columns.length} columns`);
        for (const value of row) appendValue(appender, value);
        appender.endRow();
      }
      appender.flushSync();
    } catch (error) {
      throw new WarehouseError(`Cannot append to ${table}: ${messageOf(error)}`);
    } finally {
      try {
        appender?.closeSync();
      } catch {
        // Already reported: closing flushes again, and fails the same way after a failed flush.
      }
    }
  }

  /** The first row, or undefined. */
  async one<T extends Row = Row>(sql: string, params?: Params): Promise<T | undefined> {
    const rows = await this.all<T>(sql, params);
    return rows[0];
  }

  /**
   * For `withScratchWarehouse` only (@internal): a fresh database on the kept instance (or a new
   * one), and how to give it back.
   */
  static async leaseScratch(
    options: ScratchWarehouseOptions,
  ): Promise<{ warehouse: Warehouse; release: (succeeded: boolean) => Promise<void> }> {
    const name = `scratch_${(scratchDatabases += 1)}`;
    if (options.threads !== undefined && !(Number.isInteger(options.threads) && options.threads > 0))
      throw new WarehouseError(
        `A scratch warehouse needs a whole number of threads, not ${options.threads}.`,
      );
    const settings = [
      options.memoryLimit ? `set memory_limit = ${sqlString(options.memoryLimit)};` : 'reset memory_limit;',
      options.threads ? `set threads = ${options.threads};` : 'reset threads;',
      `set temp_directory = ${sqlString(options.tempDirectory)};`,
      `attach ':memory:' as ${name}; use ${name};`,
    ].join(' ');
    const idle = idleScratchInstance;
    idleScratchInstance = null;
    let instance: DuckDBInstance | null = null;
    let connection: DuckDBConnection | null = null;
    if (idle) {
      try {
        connection = await idle.connect();
        // Fails if the kept instance has used a spill folder (which cannot change): then a new one.
        await connection.run(settings);
        instance = idle;
      } catch {
        closeQuietly(connection);
        connection = null;
        idle.closeSync();
      }
    }
    if (!instance || !connection) {
      try {
        const { DuckDBInstance } = duckdb();
        instance = await DuckDBInstance.create(':memory:', OFFLINE_SETTINGS);
        connection = await instance.connect();
        await connection.run(settings);
      } catch (error) {
        closeQuietly(connection);
        instance?.closeSync();
        throw new WarehouseError(`Could not open the warehouse file: ${messageOf(error)}`);
      }
    }
    const leased = { instance, connection };
    const spillFolderExisted = existsSync(options.tempDirectory);
    const warehouse = new Warehouse(leased.instance, leased.connection, ':memory:', false, false);
    warehouse.scratchDatabase = name;
    return {
      warehouse,
      release: async (succeeded) => {
        let clean = succeeded;
        try {
          // A transaction left open would keep the database from detaching.
          await leased.connection.run('rollback').catch(() => undefined);
          await leased.connection.run(`use memory; detach ${name}`);
          // Kept only as it was lent: nothing attached or stored outside the leased database.
          const left = await leased.connection.runAndReadAll(
            `select (select count(*) from duckdb_databases() where not internal and database_name <> 'memory')
                  + (select count(*) from duckdb_tables() where database_name = 'memory') as left`,
          );
          if (Number(left.getRows()[0]?.[0] ?? 1) !== 0) clean = false;
        } catch {
          // A connection `work` closed, or a database that would not detach: not reused.
          clean = false;
        } finally {
          closeQuietly(leased.connection);
        }
        // A spill folder the instance made is its for good (DuckDB cannot move it), and the caller
        // removes it: such an instance is not reused.
        const spilled = !spillFolderExisted && existsSync(options.tempDirectory);
        if (clean && !spilled && idleScratchInstance === null) idleScratchInstance = leased.instance;
        else leased.instance.closeSync();
      },
    };
  }

  close(): void {
    this.connection.closeSync();
    if (this.ownsDatabase) this.instance.closeSync();
  }
}

/** Opens a warehouse, hands it to `work`, and always closes it. */
export async function withWarehouse<T>(
  options: WarehouseOptions,
  work: (warehouse: Warehouse) => Promise<T>,
): Promise<T> {
  const warehouse = await Warehouse.open(options);
  try {
    return await work(warehouse);
  } finally {
    warehouse.close();
  }
}

export interface ScratchWarehouseOptions {
  /** e.g. `2GB`; DuckDB's default is 80% of RAM. */
  memoryLimit?: string;
  /** DuckDB's worker threads for this call; absent: DuckDB's default, one per core. */
  threads?: number;
  /**
   * Where DuckDB spills past its memory limit: a folder of this call's own, made by DuckDB when
   * first needed and removed by the caller afterwards.
   */
  tempDirectory: string;
}

/** An in-memory DuckDB instance left open by `withScratchWarehouse` for the next one: at most one. */
let idleScratchInstance: DuckDBInstance | null = null;
let scratchDatabases = 0;

/**
 * Like `withWarehouse` on `:memory:`, but the DuckDB instance outlives the call: `work` gets a
 * fresh empty in-memory database attached to an instance the previous call left (its memory
 * limit, threads and spill folder set for this call), and the database is detached (its memory and spill
 * files freed) afterwards, after rolling back any transaction left open. Opening an instance
 * costs about 10 ms, which for a small file is a third of its whole check.
 *
 * The instance is closed instead of kept when `work` failed (a failed or out-of-memory database
 * is never reused), when its connection was closed, when anything is left outside the lent
 * database (another database attached, a table in the instance's own), when it spilled (DuckDB
 * cannot move a spill folder once used, and the caller removes it) or when another is already
 * kept. `work` must not change global settings (`set global`): they would outlast the call.
 */
export async function withScratchWarehouse<T>(
  options: ScratchWarehouseOptions,
  work: (warehouse: Warehouse) => Promise<T>,
): Promise<T> {
  const lease = await Warehouse.leaseScratch(options);
  let succeeded = false;
  try {
    const result = await work(lease.warehouse);
    succeeded = true;
    return result;
  } finally {
    await lease.release(succeeded);
  }
}

/** Closes the kept scratch instance, if any (tests, and a process that has no more checks to run). */
export function closeIdleScratchWarehouse(): void {
  const idle = idleScratchInstance;
  idleScratchInstance = null;
  idle?.closeSync();
}

/** Quotes a string as a SQL literal (for file paths in `read_csv`, `attach`, `copy`). */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Quotes an identifier. */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function appendValue(appender: DuckDBAppender, value: AppendValue): void {
  if (value === null) appender.appendNull();
  else if (typeof value === 'boolean') appender.appendBoolean(value);
  else if (typeof value === 'string') appender.appendVarchar(value);
  else if (Number.isSafeInteger(value)) appender.appendBigInt(BigInt(value));
  else if (Number.isFinite(value)) appender.appendDouble(value);
  else appender.appendNull();
}

function closeQuietly(connection: DuckDBConnection | null): void {
  try {
    connection?.closeSync();
  } catch {
    // Already closed (by the work that borrowed it).
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
