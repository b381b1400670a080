import { totalmem } from 'node:os';
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';

/** A plain JSON-friendly cell: numbers for numeric types, ISO strings for dates and timestamps. */
export type Cell = string | number | boolean | null | Cell[] | { [key: string]: Cell };
export type Row = Record<string, Cell>;
export type Params = Record<string, DuckDBValue> | DuckDBValue[];

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

  /**
   * Another connection to the same database, whose statements run beside this one's (its own
   * transactions; attached databases are shared). Close it before the warehouse it came from.
   */
  async connect(): Promise<Warehouse> {
    const connection = await this.instance.connect();
    return new Warehouse(this.instance, connection, this.path, this.readOnly, false);
  }

  static async open(options: WarehouseOptions): Promise<Warehouse> {
    const settings: Record<string, string> = {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    };
    if (options.readOnly) settings.access_mode = 'READ_ONLY';
    if (options.memoryLimit) settings.memory_limit = options.memoryLimit;
    if (options.threads) settings.threads = String(options.threads);
    if (options.tempDirectory) settings.temp_directory = options.tempDirectory;
    try {
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

  /** The first row, or undefined. */
  async one<T extends Row = Row>(sql: string, params?: Params): Promise<T | undefined> {
    const rows = await this.all<T>(sql, params);
    return rows[0];
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

/** Quotes a string as a SQL literal (for file paths in `read_csv`, `attach`, `copy`). */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Quotes an identifier. */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
