import { open } from 'node:fs/promises';
import { sqlIdentifier, sqlString, WarehouseError, type Warehouse } from '@oscp/warehouse';
import type { Contracts } from '../contracts';
import type { CompiledContract } from './compile';
import { compileSqlRules } from './sql-rules';

/**
 * A line with quotes that csv-parse (strict quoting) reads as one whole record: every field is
 * either unquoted without quotes or wholly quoted with quotes doubled inside. Such a line cannot
 * leave a quoted field open across the line break, so lines stay records; any other line with a
 * quote (which csv-parse may reject, or read across lines) sends the file to the TypeScript pass.
 */
const QUOTED_RECORD = '(?:[^",]*|"(?:[^"]|"")*")(?:,(?:[^",]*|"(?:[^"]|"")*"))*';

/** A line longer than this is left to csv-parse, whose records are limited to 1 MiB. */
const MAX_SQL_LINE_CHARS = 65_536;

export interface SqlPassInput {
  path: string;
  compiled: CompiledContract;
  contracts: Contracts;
  /** For each contract column, its index in the file's records, or -1. */
  sourceIndex: number[];
  /** Cells in the header. */
  width: number;
  /**
   * The table the classified rows go to (`_line`, `_ok`, `_key`, the columns, `_text`): a
   * DuckDB table, spilled to the temporary folder past the memory limit, cheaper than Parquet.
   */
  stageTable: string;
  /** Where the rows SQL could not prove valid go (CSV `line,text`, in line order). */
  residuePath: string;
}

export type SqlPassOutcome =
  | { kind: 'classified'; certainlyValid: number; leftToRules: number }
  /** The file is not one whose records DuckDB's line reading is known to give exactly as csv-parse does. */
  | { kind: 'not_suitable'; reason: string };

/**
 * DuckDB reads the file line by line (no quoting: one VARCHAR per line, numbered in file order;
 * a blank line is a NULL line, so numbering matches csv-parse's record count), splits each line
 * on commas and applies the contract's rules compiled to SQL. Rows certainly valid are staged
 * with their canonical values; the rest (with their text) are written out for the TypeScript
 * rules (a line with quotes among them, if it is one whole record: see QUOTED_RECORD). The
 * result is exact only where lines are records: a file with a quote that may span lines, a
 * quoted header, a line ending DuckDB refuses, invalid UTF-8, a very long line or a first line
 * ending in a lone carriage return is reported as not suitable and takes the TypeScript pass
 * whole.
 */
export async function runSqlPass(warehouse: Warehouse, input: SqlPassInput): Promise<SqlPassOutcome> {
  const head = await firstBytes(input.path, 1 << 16);
  const firstEnd = head.search(/[\r\n]/);
  if (firstEnd >= 0 && head[firstEnd] === '\r' && head[firstEnd + 1] !== '\n' && firstEnd + 1 < head.length)
    return { kind: 'not_suitable', reason: 'lines end in a lone carriage return' };
  const firstLine = firstEnd >= 0 ? head.slice(0, firstEnd) : head;
  if (firstLine.includes('"')) return { kind: 'not_suitable', reason: 'the header is quoted' };
  const { compiled } = input;
  const rules = compileSqlRules(input.contracts, compiled);
  const count = compiled.columns.length;
  const range = Array.from({ length: count }, (_, i) => i);
  // One split per line, then each cell by index: split_part per column split the line again for
  // every column (twice the CPU of the whole check at six columns). trim() makes a copy of every
  // cell, so it runs only on a cell with a space at either end; the value is the same.
  const cell = (index: number): string => `cells[${index + 1}]`;
  const rawColumns = range.map((i) => {
    const index = input.sourceIndex[i] ?? -1;
    if (index < 0) return `cast(null as varchar) as r${i}`;
    const padded = `starts_with(${cell(index)}, ' ') or ends_with(${cell(index)}, ' ')`;
    return `nullif(case when ${padded} then trim(${cell(index)}) else ${cell(index)} end, '') as r${i}`;
  });
  const valueColumns = range.map((i) => `${rules.columns[i]?.value ?? 'null'} as v${i}`);
  const okChecks = [
    // A line with a quote is a record csv-parse reads (QUOTED_RECORD), left to TypeScript.
    `not contains(line, '"')`,
    // As many cells as the header has (the split's length: commas + 1, with no copy of the line).
    `_cells = ${input.width}`,
    ...range.map((i) => rules.columns[i]?.ok ?? 'false'),
    rules.rowRulesPass,
  ];
  const outputColumns = range.map(
    (i) => `case when _ok then v${i} end as ${sqlIdentifier(compiled.columns[i]?.name ?? `c${i}`)}`,
  );
  const lines = `read_csv(${sqlString(input.path)}, header = false, auto_detect = false, delim = e'\\x01', quote = '', escape = '', columns = {'line': 'VARCHAR'}, strict_mode = true)`;
  // Numbering needs the lines in file order, which holds one thread to the read; the checks
  // then run over the numbered lines on every core.
  const numbering = `create or replace table numbered_lines as
    select cast(row_number() over () as integer) as _line, line from ${lines}`;
  const sql = `create or replace table ${input.stageTable} as (
    with split as (select _line, line, string_split(line, ',') as cells from numbered_lines where _line > 1),
    raw as (select _line, line, len(cells) as _cells, ${rawColumns.join(', ')} from split),
    typed as (select *, ${valueColumns.join(', ')} from raw),
    checked as (select *, coalesce(${okChecks.map((check) => `(${check})`).join(' and ')}, false) as _ok from typed)
    select _line, _ok,
      case when _ok then ${rules.key} end as _key,
      ${outputColumns.join(', ')},
      case when not _ok then line end as _text,
      coalesce(strlen(line) > ${MAX_SQL_LINE_CHARS} or (contains(line, '"') and not regexp_full_match(line, ${sqlString(QUOTED_RECORD)})), false) as _suspect
    from checked
  )`;
  try {
    await warehouse.run(numbering);
  } catch (error) {
    // DuckDB refused the file (invalid UTF-8, mixed line endings, a control character it reads
    // as a delimiter, ...): csv-parse decides what is wrong with it.
    // The reason goes to tests only: DuckDB's message may quote the file.
    if (error instanceof WarehouseError && /^(Invalid Input|IO) Error/.test(error.message))
      return {
        kind: 'not_suitable',
        reason: `DuckDB could not read it (${error.message.split('\n')[0] ?? ''})`,
      };
    throw error;
  }
  await warehouse.run(sql);
  await warehouse.run('drop table numbered_lines');
  const stage = input.stageTable;
  const counts = await warehouse.one<{ suspect: number; ok: number; rest: number }>(
    `select count(*) filter (where _suspect)::integer as suspect, count(*) filter (where _ok)::integer as ok,
       count(*) filter (where not _ok)::integer as rest from ${stage}`,
  );
  if (!counts || counts.suspect > 0)
    return {
      kind: 'not_suitable',
      reason: 'it has quotes csv-parse may read across lines, or very long lines',
    };
  await warehouse.run(
    `copy (select _line, _text from ${stage} where not _ok order by _line)
     to ${sqlString(input.residuePath)} (format csv, header false)`,
  );
  return { kind: 'classified', certainlyValid: counts.ok, leftToRules: counts.rest };
}

async function firstBytes(path: string, size: number): Promise<string> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return '';
  try {
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead).toString('latin1');
  } finally {
    await handle.close();
  }
}
