import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify, type Stringifier } from 'csv-stringify';
import {
  machineMemoryLimit,
  sqlIdentifier,
  sqlString,
  withScratchWarehouse,
  type Warehouse,
} from '@oscp/warehouse';
import {
  contractColumns,
  DUCKDB_TYPES,
  loadContracts,
  type Contracts,
  type DatasetContract,
} from '../contracts';
import {
  FileReadError,
  normaliseHeader,
  personalDataKind,
  readCsvRecords,
  readRecords,
  type SourceRecord,
} from '../reading';
import { validateCensusSubmission } from '../cin-census/validate-census';
import type { Dataset, Finding, ValidateSubmissionInput, ValidationResult } from '../types';
import { checkWorkPaths, removeCheckWork } from './check-work';
import { compileContract, type CompiledContract } from './compile';
import { fileRejection } from './file-rejection';
import { findingValue } from './mask';
import { runSqlPass } from './sql-pass';
import { sqlIneligibility } from './sql-rules';

/** Row findings kept per file; counts stay exact beyond it, and a warning says the list was cut. */
export const MAX_ROW_FINDINGS = 100_000;

const KEY_SEPARATOR = '\u001f';

/** Files smaller than this are checked on one DuckDB thread (`checkThreads`). */
export const ONE_THREAD_BELOW_BYTES = 16 * 2 ** 20;

/**
 * DuckDB's threads for checking a file of this size: one below `ONE_THREAD_BELOW_BYTES`, else
 * DuckDB's default (one per core). A small file's statements are short: a second thread took as
 * long in wall time and 20-30 % more CPU (a 9.5 MB file: 0.52-0.55 s and 0.76-0.91 s of CPU
 * against 0.55-0.56 s and 0.60-0.65 s), CPU that the command line's start-up, running beside the
 * checks, needs. A 58 MB file took 1.5 s on two threads against 2.3 s on one.
 */
export function checkThreads(fileBytes: number): number | undefined {
  return fileBytes < ONE_THREAD_BELOW_BYTES ? 1 : undefined;
}

/**
 * The columns of the Parquet `validateSubmission` writes for a dataset, in order, with their
 * DuckDB types: the contract's columns, then `_line`.
 */
export function acceptedRowColumns(contract: DatasetContract): [name: string, sqlType: string][] {
  return [
    ...contractColumns(contract).map(([name, type]): [string, string] => [name, type]),
    ['_line', 'INTEGER'],
  ];
}

/** Which pass checked a file's rows, and why the SQL pass was not used when it was not. */
export type ValidationPass =
  { pass: 'sql'; certainlyValid: number; leftToRules: number } | { pass: 'typescript'; reason: string };

export interface ValidateOptions {
  /** Contracts to validate against (default: the shipped `etl/contracts`). */
  contracts?: Contracts;
  /**
   * `sql` (the default): DuckDB decides which rows of a CSV file are certainly valid and writes
   * them, the TypeScript rules check the rest; files it cannot read exactly as csv-parse does
   * take the TypeScript pass. `typescript`: every row through the TypeScript rules.
   */
  engine?: 'sql' | 'typescript';
  /** Told which pass checked the rows (tests and benchmarks). */
  onPass?: (pass: ValidationPass) => void;
}

/**
 * Validates one submission against its dataset's contract and writes the accepted rows to
 * `input.outputPath` as Parquet (typed contract columns in contract order, then `_line`).
 *
 * How: one streaming pass in JavaScript parses and checks every cell and row rule (exact for
 * offsets, DD/MM dates and masking) and writes a normalised CSV; DuckDB then reads it with
 * explicit types, finds duplicate keys (every copy quarantined) and writes the Parquet.
 *
 * A rejected file has `rowsAccepted` 0 and no Parquet; `rowsQuarantined` then still counts the
 * rows that failed, and the findings say what to fix. A file with a header and no data rows is
 * accepted with 0 rows (an empty extract is a valid statement that nothing is new, and since
 * extracts never delete, it changes nothing); its Parquet has the columns and no rows.
 */
export async function validateSubmission(
  input: ValidateSubmissionInput,
  options: ValidateOptions = {},
): Promise<ValidationResult> {
  if (input.dataset === 'cin_census') {
    if (input.childIdKey === undefined)
      throw new Error('A CIN census file needs the child identifier key to be validated.');
    return validateCensusSubmission({ ...input, childIdKey: input.childIdKey });
  }
  const contracts = options.contracts ?? loadContracts();
  const compiled = compileContract(contracts, contracts.datasets[input.dataset]);
  const run = new SubmissionRun({ ...input, dataset: input.dataset }, compiled, contracts, options);
  try {
    return await run.execute();
  } finally {
    await run.cleanUp();
  }
}

interface HeaderMap {
  /** For each contract column, its index in the file's records, or -1 when the file lacks it. */
  sourceIndex: number[];
  width: number;
}

class SubmissionRun {
  private readonly findings: Finding[] = [];
  private rowFindingCount = 0;
  private rowsRead = 0;
  private failedRows = 0;
  private readonly csvPath: string;
  /** The table the SQL pass staged its rows in (certainly valid ones are loaded from it), when it ran. */
  private stageTable: string | null = null;

  constructor(
    private readonly input: ValidateSubmissionInput & { dataset: Dataset },
    private readonly compiled: CompiledContract,
    private readonly contracts: Contracts,
    private readonly options: ValidateOptions,
  ) {
    this.csvPath = checkWorkPaths(input.outputPath).rowsCsv;
  }

  async execute(): Promise<ValidationResult> {
    const format = this.input.format;
    if (format === 'xml')
      return this.reject('unreadable_file', `is XML, which only the cin_census dataset takes`, null);
    const typescriptReason = this.typescriptPassReason();
    // When DuckDB reads the rows, only the header is parsed here.
    const records = readRecords(this.input.path, format, { firstRecordOnly: typescriptReason === null });
    let header: HeaderMap | ValidationResult;
    let readToEnd = false;
    try {
      const first = await records.next();
      const headerRecord = first.done ? undefined : first.value[0];
      if (!headerRecord) return this.reject('empty_file', 'has no header row', null);
      // exceljs skips empty rows: a first row that is not row 1 means row 1 held no header.
      if (headerRecord.line !== 1) return this.reject('missing_header', 'has no header in row 1', null);
      header = this.readHeader(headerRecord);
      if (!('sourceIndex' in header)) return header;
      await mkdir(dirname(this.input.outputPath), { recursive: true });
      if (typescriptReason !== null) {
        this.options.onPass?.({ pass: 'typescript', reason: typescriptReason });
        await this.writeRows(first.done ? [] : first.value.slice(1), records, header);
        readToEnd = true;
      }
    } catch (error) {
      if (error instanceof FileReadError) return this.reject(error.problem, error.message, null);
      throw error;
    } finally {
      await records.return(undefined);
    }
    const headerMap = header;
    const { size } = await stat(this.input.path);
    // A tenth of the machine's memory for the SQL pass, the key grouping and the Parquet
    // writing, spilling beside the output (in the data folder) past it; all cores but for a small
    // file. A fresh database on the instance the previous check left: opening one is a third of a
    // small file's check.
    return withScratchWarehouse(
      { memoryLimit: machineMemoryLimit(0.1), threads: checkThreads(size), tempDirectory: this.spillPath },
      async (warehouse) => {
        if (!readToEnd) {
          const problem = await this.classifyInSql(warehouse, headerMap);
          if (problem) return problem;
        }
        return this.load(warehouse);
      },
    );
  }

  async cleanUp(): Promise<void> {
    await removeCheckWork(this.input.outputPath);
  }

  private get spillPath(): string {
    return checkWorkPaths(this.input.outputPath).spill;
  }

  private get residueFile(): string {
    return checkWorkPaths(this.input.outputPath).residueCsv;
  }

  /** Why every row of this file goes through the TypeScript rules; null when the SQL pass is tried first. */
  private typescriptPassReason(): string | null {
    if ((this.options.engine ?? 'sql') !== 'sql') return 'the TypeScript engine was chosen';
    if (this.input.format !== 'csv') return `${this.input.format} files are read by the TypeScript pass`;
    return sqlIneligibility(this.compiled);
  }

  /**
   * The SQL pass, then the TypeScript rules over the rows it left; or, for a file it cannot read
   * exactly, the TypeScript pass over the whole file. A rejection of the file, or null.
   */
  private async classifyInSql(warehouse: Warehouse, header: HeaderMap): Promise<ValidationResult | null> {
    const outcome = await runSqlPass(warehouse, {
      path: this.input.path,
      compiled: this.compiled,
      contracts: this.contracts,
      sourceIndex: header.sourceIndex,
      width: header.width,
      stageTable: 'staged_rows',
      residuePath: this.residueFile,
    });
    if (outcome.kind === 'not_suitable') {
      this.options.onPass?.({ pass: 'typescript', reason: outcome.reason });
      await warehouse.run('drop table if exists staged_rows');
      const records = readRecords(this.input.path, 'csv');
      try {
        const first = await records.next();
        await this.writeRows(first.done ? [] : first.value.slice(1), records, header);
      } catch (error) {
        if (error instanceof FileReadError) return this.reject(error.problem, error.message, null);
        throw error;
      } finally {
        await records.return(undefined);
      }
      return null;
    }
    this.options.onPass?.({
      pass: 'sql',
      certainlyValid: outcome.certainlyValid,
      leftToRules: outcome.leftToRules,
    });
    this.stageTable = 'staged_rows';
    this.rowsRead += outcome.certainlyValid;
    // The residue's records: its line number and the line's text, split as csv-parse splits a
    // line without quotes (a blank line is one empty cell).
    await this.writeRows([], residueRecords(readCsvRecords(this.residueFile)), header);
    return null;
  }

  private readHeader(record: SourceRecord): HeaderMap | ValidationResult {
    const names = record.cells.map(normaliseHeader);
    const personal = names.filter((name) => personalDataKind(name) !== null);
    if (personal.length > 0) {
      const first = personal[0] ?? '';
      return this.reject(
        'personal_data_column',
        `has a personal-data column (${personal.join(', ')}: ${first} looks like ${personalDataKind(first) ?? 'personal data'}); files may hold pseudonymised IDs only, not names, addresses, postcodes, dates of birth, NHS or pupil numbers, phone numbers or email addresses`,
        first,
      );
    }
    const seen = new Set<string>();
    for (const name of names) {
      if (name === '') continue;
      if (seen.has(name))
        return this.reject('duplicate_column', `has the column ${name} more than once`, name);
      seen.add(name);
    }
    const sourceIndex = this.compiled.columns.map((column) => names.indexOf(column.name));
    const missing = this.compiled.columns.filter((column, i) => column.required && sourceIndex[i] === -1);
    if (missing.length > 0) {
      const list = missing.map((column) => column.name).join(', ');
      return this.reject('missing_column', `lacks the required column ${list}`, missing[0]?.name ?? null);
    }
    const known = new Set(this.compiled.columns.map((column) => column.name));
    const unknown = names
      .map((name) => (name === '' ? '(no name)' : name))
      .filter((name) => !known.has(name));
    if (unknown.length > 0) {
      this.findings.push({
        kind: 'warning',
        dataset: this.input.dataset,
        fileName: this.input.fileName,
        line: 1,
        column: null,
        value: null,
        rule: 'unknown_column',
        message: `${this.input.fileName}: the columns ${unknown.join(', ')} are not in the ${this.input.dataset} contract and were ignored (rule: unknown_column)`,
      });
    }
    return { sourceIndex, width: names.length };
  }

  /** Checks records and writes the normalised CSV DuckDB loads (every row, failed or not). */
  private async writeRows(
    firstRecords: SourceRecord[],
    records: AsyncGenerator<SourceRecord[]>,
    header: HeaderMap,
  ): Promise<void> {
    const { columns } = this.compiled;
    const out = createWriteStream(this.csvPath, { encoding: 'utf8' });
    const stringifier = stringify({ eof: true });
    stringifier.pipe(out);
    const written = finished(out);
    const checker = new RowChecker(this, header);
    try {
      await writeRecord(stringifier, ['_line', '_failed', '_key', ...columns.map((column) => column.name)]);
      for await (const batch of prepend(firstRecords, records)) {
        for (const record of batch) {
          const row = checker.check(record);
          if (row) await writeRecord(stringifier, row);
        }
      }
    } finally {
      stringifier.end();
      await written;
    }
  }

  /** Counts a non-blank row; `failed` when it has a finding. */
  countRow(failed: boolean): void {
    this.rowsRead += 1;
    if (failed) this.failedRows += 1;
  }

  get isXlsx(): boolean {
    return this.input.format === 'xlsx';
  }

  get compiledContract(): CompiledContract {
    return this.compiled;
  }

  /** Loads the normalised rows, quarantines duplicate keys, applies the threshold, writes Parquet. */
  private async load(warehouse: Warehouse): Promise<ValidationResult> {
    const { columns, key } = this.compiled;
    const csvColumns = [
      `'_line': 'INTEGER'`,
      `'_failed': 'BOOLEAN'`,
      `'_key': 'VARCHAR'`,
      ...columns.map(
        (column) =>
          `${sqlString(column.name)}: '${column.type === 'code_list' ? 'VARCHAR' : DUCKDB_TYPES[column.type]}'`,
      ),
    ].join(', ');
    // Read twice rather than held in a table: DuckDB streams the CSV both times, so its memory
    // does not grow with the file either (only the keys are hashed).
    const fromCsv = `read_csv(${sqlString(this.csvPath)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', nullstr = '', columns = {${csvColumns}})`;
    // With the SQL pass, its certainly valid rows join the rows the TypeScript rules checked.
    const names = columns.map((column) => sqlIdentifier(column.name)).join(', ');
    const source =
      this.stageTable === null
        ? fromCsv
        : `(select _line, _failed, _key, ${names} from ${fromCsv}
            union all
            select _line, false as _failed, _key, ${names} from ${this.stageTable} where _ok)`;
    // Count first (a hash of the keys only), and go back for the lines only if a key repeats.
    await warehouse.run(
      `create table duplicate_keys as
       select _key from ${source} where _key is not null group by _key having count(*) > 1`,
    );
    const repeated = await warehouse.one<{ n: number }>('select count(*)::integer as n from duplicate_keys');
    await warehouse.run(
      (repeated?.n ?? 0) === 0
        ? 'create table duplicate_lines (line integer, key varchar, failed boolean)'
        : `create table duplicate_lines as
           select _line as line, _key as key, _failed as failed
           from ${source} where _key in (select _key from duplicate_keys)`,
    );
    const duplicates = await warehouse.all<{ line: number; key: string; failed: boolean }>(
      'select line, key, failed from duplicate_lines order by line',
    );
    // Per key: how many lines hold it and the first six of them (enough to name five others for
    // any line). Linear in the duplicates, however many copies one key has.
    const linesByKey = new Map<string, { count: number; first: number[] }>();
    for (const duplicate of duplicates) {
      const entry = linesByKey.get(duplicate.key);
      if (!entry) linesByKey.set(duplicate.key, { count: 1, first: [duplicate.line] });
      else {
        entry.count += 1;
        if (entry.first.length < 6) entry.first.push(duplicate.line);
      }
    }
    const keyNames = key.map((position) => columns[position]?.name ?? '');
    for (const duplicate of duplicates) {
      if (!duplicate.failed) this.failedRows += 1;
      const parts = duplicate.key.split(KEY_SEPARATOR);
      const shown = parts.map((part, i) => findingValue(keyNames[i] ?? '', part)).join(' + ');
      const entry = linesByKey.get(duplicate.key) ?? { count: 1, first: [duplicate.line] };
      const others = entry.first.filter((line) => line !== duplicate.line).slice(0, 5);
      const more = entry.count - 1 - others.length;
      const otherText = more > 0 ? `${others.join(', ')} and ${more} more` : others.join(', ');
      this.addRowFinding(
        duplicate.line,
        keyNames.join('+'),
        null,
        'duplicate_key',
        `is a key that appears more than once in this file (also line ${otherText}); every copy is quarantined`,
        shown,
      );
    }
    this.findings.sort(byLine);
    const threshold = this.input.rejectThresholdPct;
    if (this.failedRows * 100 > threshold * this.rowsRead) {
      const share = ((100 * this.failedRows) / this.rowsRead).toFixed(1);
      return this.reject(
        'too_many_failing_rows',
        `has ${this.failedRows} of ${this.rowsRead} rows (${share}%) failing row rules, more than the ${threshold}% allowed`,
        null,
      );
    }
    const selectList = [
      ...columns.map((column) => {
        const name = sqlIdentifier(column.name);
        return column.type === 'code_list' ? `string_split(${name}, ';') as ${name}` : name;
      }),
      '_line',
    ].join(', ');
    await rm(this.input.outputPath, { force: true });
    await warehouse.run(
      // No sort: row order carries no meaning (the builder keys on columns); `_line` keeps the
      // file order for anyone who needs it, and a sort would hold the whole file in memory.
      `copy (
         select ${selectList} from ${source}
         where not _failed${duplicateFilter(duplicates.length > 0)}
       ) to ${sqlString(this.input.outputPath)} (format parquet)`,
    );
    return {
      status: 'accepted',
      rowsRead: this.rowsRead,
      rowsAccepted: this.rowsRead - this.failedRows,
      rowsQuarantined: this.failedRows,
      reason: null,
      findings: this.findings,
      outputPath: this.input.outputPath,
    };
  }

  addRowFinding(
    line: number,
    column: string | null,
    value: string | null,
    rule: string,
    detail: string,
    shownValue?: string,
  ): void {
    this.rowFindingCount += 1;
    if (this.rowFindingCount > MAX_ROW_FINDINGS) {
      if (this.rowFindingCount === MAX_ROW_FINDINGS + 1) {
        this.findings.push({
          kind: 'warning',
          dataset: this.input.dataset,
          fileName: this.input.fileName,
          line: null,
          column: null,
          value: null,
          rule: 'findings_truncated',
          message: `${this.input.fileName}: more than ${MAX_ROW_FINDINGS} findings; only the first ${MAX_ROW_FINDINGS} are listed (rule: findings_truncated)`,
        });
      }
      return;
    }
    const stored =
      shownValue ?? (value === null || value === '' || column === null ? value : findingValue(column, value));
    const where = column === null ? `line ${line}` : `line ${line}, column ${column}`;
    const what = stored === null ? 'the row' : stored === '' ? 'the cell' : `"${stored}"`;
    this.findings.push({
      kind: 'row_quarantined',
      dataset: this.input.dataset,
      fileName: this.input.fileName,
      line,
      column,
      value: stored,
      rule,
      message: `${this.input.fileName} ${where}: ${what} ${detail} (rule: ${rule})`,
    });
  }

  private reject(rule: string, detail: string, column: string | null): ValidationResult {
    const { finding, reason } = fileRejection(this.input, rule, detail, column);
    this.findings.unshift(finding);
    return {
      status: 'rejected',
      rowsRead: this.rowsRead,
      rowsAccepted: 0,
      rowsQuarantined: this.failedRows,
      reason,
      findings: this.findings,
      outputPath: null,
    };
  }
}

/**
 * Leaves out duplicate-key lines with an anti-join on `duplicate_lines`. A literal list was
 * compared with every row: 454 lines cost 0.5 s of CPU over the 900 k contacts of scale 10.
 */
function duplicateFilter(anyDuplicates: boolean): string {
  return anyDuplicates ? ' and _line not in (select line from duplicate_lines)' : '';
}

async function* prepend<T>(first: T, rest: AsyncIterable<T>): AsyncGenerator<T> {
  yield first;
  yield* rest;
}

function byLine(a: Finding, b: Finding): number {
  return (a.line ?? 0) - (b.line ?? 0);
}

function isBlankRecord(cells: string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

function hasContentBeyond(cells: string[], width: number): boolean {
  for (let i = width; i < cells.length; i += 1) if ((cells[i] ?? '').trim() !== '') return true;
  return false;
}

/** Writes one record, waiting when the stream asks to. */
async function writeRecord(stringifier: Stringifier, record: string[]): Promise<void> {
  if (!stringifier.write(record)) await once(stringifier, 'drain');
}

/**
 * The SQL pass's residue (`line,text`) as the records csv-parse gives for those lines: a line
 * without quotes split on commas, a line with quotes (one whole record, checked by the SQL pass)
 * parsed by csv-parse with the file reader's options.
 */
async function* residueRecords(rows: AsyncGenerator<SourceRecord[]>): AsyncGenerator<SourceRecord[]> {
  for await (const batch of rows) {
    yield batch.map((row) => {
      const text = row.cells[1] ?? '';
      const cells = text.includes('"') ? parseQuotedLine(text) : text.split(',');
      return { line: Number(row.cells[0]), cells };
    });
  }
}

function parseQuotedLine(text: string): string[] {
  const records = parseCsv(text, { relax_column_count: true, quote: '"', escape: '"' }) as string[][];
  const record = records[0];
  if (records.length !== 1 || !record) throw new Error('A quoted line of the SQL pass is not one record.');
  return record;
}

/**
 * The cell parsers and row rules over one record: its findings, and the row of the normalised
 * CSV (`_line`, `_failed`, `_key`, then canonical values; a failed row has none), or null for a
 * blank record (not a row).
 */
class RowChecker {
  private readonly dateColumns: boolean[];
  private readonly raw: (string | null)[];
  private readonly canonical: (string | null)[];
  private readonly empty: string[];

  constructor(
    private readonly run: SubmissionRun,
    private readonly header: HeaderMap,
  ) {
    const { columns } = run.compiledContract;
    this.dateColumns = columns.map((column) => column.type === 'date');
    this.raw = new Array<string | null>(columns.length).fill(null);
    this.canonical = new Array<string | null>(columns.length).fill(null);
    this.empty = new Array<string>(columns.length).fill('');
  }

  check(record: SourceRecord): string[] | null {
    const { columns, rowRules, key } = this.run.compiledContract;
    const { raw, canonical, header } = this;
    const run = this.run;
    const isXlsx = run.isXlsx;
    const count = columns.length;
    const cells = record.cells;
    if (isBlankRecord(cells)) return null;
    const line = record.line;
    let failed = false;
    const extra = isXlsx ? hasContentBeyond(cells, header.width) : cells.length !== header.width;
    if (extra) {
      failed = true;
      run.addRowFinding(
        line,
        null,
        null,
        'column_count',
        `has ${cells.length} cells where the header has ${header.width}`,
      );
    }
    for (let i = 0; i < count; i += 1) {
      const index = header.sourceIndex[i] ?? -1;
      let text = index >= 0 && index < cells.length ? (cells[index] ?? '').trim() : '';
      if (isXlsx && this.dateColumns[i] && record.dateCells?.includes(index)) text = text.slice(0, 10);
      canonical[i] = null;
      if (text === '') {
        raw[i] = null;
        const column = columns[i];
        if (column?.required) {
          failed = true;
          run.addRowFinding(line, column.name, '', 'required', 'is blank, but a value is required');
        }
        continue;
      }
      raw[i] = text;
      const column = columns[i];
      if (!column) continue;
      const parsed = column.parse(text);
      if (typeof parsed === 'string') {
        canonical[i] = parsed;
      } else {
        failed = true;
        run.addRowFinding(line, column.name, text, parsed.rule, parsed.detail);
      }
    }
    for (const rule of rowRules) {
      if (!rule.fails(raw, canonical)) continue;
      failed = true;
      const column = columns[rule.column];
      const otherColumn = rule.other === null ? undefined : columns[rule.other];
      const otherRaw = rule.other === null ? null : (raw[rule.other] ?? null);
      const otherShown = otherColumn && otherRaw !== null ? findingValue(otherColumn.name, otherRaw) : null;
      run.addRowFinding(
        line,
        column?.name ?? null,
        raw[rule.column] ?? '',
        rule.rule,
        rule.detail(otherShown),
      );
    }
    let keyText = '';
    for (let k = 0; k < key.length; k += 1) {
      const position = key[k] ?? 0;
      const part = canonical[position] ?? raw[position];
      if (part == null) {
        keyText = '';
        break;
      }
      keyText = k === 0 ? part : `${keyText}${KEY_SEPARATOR}${part}`;
    }
    run.countRow(failed);
    const values = failed ? this.empty : canonical.map((value) => value ?? '');
    return [String(line), failed ? 'true' : 'false', keyText, ...values];
  }
}
