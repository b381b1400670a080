import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { machineMemoryLimit, sqlIdentifier, sqlString, withWarehouse, type Warehouse } from '@oscp/warehouse';
import {
  contractColumns,
  DUCKDB_TYPES,
  loadContracts,
  type Contracts,
  type DatasetContract,
} from '../contracts';
import { FileReadError, normaliseHeader, personalDataKind, readRecords, type SourceRecord } from '../reading';
import { validateCensusSubmission } from '../cin-census/validate-census';
import type { Dataset, Finding, ValidateSubmissionInput, ValidationResult } from '../types';
import { compileContract, type CompiledContract } from './compile';
import { fileRejection } from './file-rejection';
import { findingValue } from './mask';

/** Row findings kept per file; counts stay exact beyond it, and a warning says the list was cut. */
export const MAX_ROW_FINDINGS = 100_000;

const KEY_SEPARATOR = '\u001f';

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

export interface ValidateOptions {
  /** Contracts to validate against (default: the shipped `etl/contracts`). */
  contracts?: Contracts;
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
  const run = new SubmissionRun({ ...input, dataset: input.dataset }, compiled);
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

  constructor(
    private readonly input: ValidateSubmissionInput & { dataset: Dataset },
    private readonly compiled: CompiledContract,
  ) {
    this.csvPath = `${input.outputPath}.rows.csv`;
  }

  async execute(): Promise<ValidationResult> {
    const format = this.input.format;
    if (format === 'xml')
      return this.reject('unreadable_file', `is XML, which only the cin_census dataset takes`, null);
    const records = readRecords(this.input.path, format);
    let header: HeaderMap | ValidationResult;
    try {
      const first = await records.next();
      const headerRecord = first.done ? undefined : first.value[0];
      if (!headerRecord) return this.reject('empty_file', 'has no header row', null);
      // exceljs skips empty rows: a first row that is not row 1 means row 1 held no header.
      if (headerRecord.line !== 1) return this.reject('missing_header', 'has no header in row 1', null);
      header = this.readHeader(headerRecord);
      if (!('sourceIndex' in header)) return header;
      await mkdir(dirname(this.input.outputPath), { recursive: true });
      await this.writeRows(first.done ? [] : first.value.slice(1), records, header);
    } catch (error) {
      if (error instanceof FileReadError) return this.reject(error.problem, error.message, null);
      throw error;
    } finally {
      await records.return(undefined);
    }
    // A tenth of the machine's memory for the key grouping and the Parquet writing, spilling
    // beside the output (in the data folder) past it.
    return withWarehouse(
      { path: ':memory:', memoryLimit: machineMemoryLimit(0.1), tempDirectory: this.spillPath },
      (warehouse) => this.load(warehouse),
    );
  }

  async cleanUp(): Promise<void> {
    await rm(this.csvPath, { force: true });
    await rm(this.spillPath, { recursive: true, force: true });
  }

  private get spillPath(): string {
    return `${this.input.outputPath}.tmp`;
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

  /** One pass over the data rows: checks, findings, and the normalised CSV DuckDB loads. */
  private async writeRows(
    firstRecords: SourceRecord[],
    records: AsyncGenerator<SourceRecord[]>,
    header: HeaderMap,
  ): Promise<void> {
    const { columns, rowRules, key } = this.compiled;
    const out = createWriteStream(this.csvPath, { encoding: 'utf8' });
    const closed = new Promise<void>((resolve, reject) => {
      out.on('close', resolve);
      out.on('error', reject);
    });
    const isXlsx = this.input.format === 'xlsx';
    const dateColumns = columns.map((column) => column.type === 'date');
    const textColumns = columns.map((column) => column.type === 'text');
    const count = columns.length;
    const raw: (string | null)[] = new Array<string | null>(count).fill(null);
    const canonical: (string | null)[] = new Array<string | null>(count).fill(null);
    const emptyTail = ','.repeat(count);
    let buffer = `_line,_failed,_key,${columns.map((column) => column.name).join(',')}\n`;
    try {
      for await (const batch of prepend(firstRecords, records)) {
        for (const record of batch) {
          const cells = record.cells;
          if (isBlankRecord(cells)) continue;
          this.rowsRead += 1;
          const line = record.line;
          let failed = false;
          const extra = isXlsx ? hasContentBeyond(cells, header.width) : cells.length !== header.width;
          if (extra) {
            failed = true;
            this.addRowFinding(
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
            if (isXlsx && dateColumns[i] && record.dateCells?.includes(index)) text = text.slice(0, 10);
            canonical[i] = null;
            if (text === '') {
              raw[i] = null;
              const column = columns[i];
              if (column?.required) {
                failed = true;
                this.addRowFinding(line, column.name, '', 'required', 'is blank, but a value is required');
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
              this.addRowFinding(line, column.name, text, parsed.rule, parsed.detail);
            }
          }
          for (const rule of rowRules) {
            if (!rule.fails(raw, canonical)) continue;
            failed = true;
            const column = columns[rule.column];
            const otherColumn = rule.other === null ? undefined : columns[rule.other];
            const otherRaw = rule.other === null ? null : (raw[rule.other] ?? null);
            const otherShown =
              otherColumn && otherRaw !== null ? findingValue(otherColumn.name, otherRaw) : null;
            this.addRowFinding(
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
          let row = `${line},${failed ? 'true' : 'false'},${csvField(keyText)}`;
          if (failed) {
            this.failedRows += 1;
            row += emptyTail;
          } else {
            for (let i = 0; i < count; i += 1) {
              const value = canonical[i];
              row += value == null ? ',' : textColumns[i] ? `,${csvField(value)}` : `,${value}`;
            }
          }
          buffer += `${row}\n`;
        }
        if (buffer.length >= 1 << 16) {
          await write(out, buffer);
          buffer = '';
        }
      }
      await write(out, buffer);
    } finally {
      out.end();
      await closed;
    }
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
    const source = `read_csv(${sqlString(this.csvPath)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', nullstr = '', columns = {${csvColumns}})`;
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
         where not _failed${duplicateFilter(duplicates.map((duplicate) => duplicate.line))}
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

  private addRowFinding(
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

/** Leaves out duplicate-key lines: a literal list when short, else an anti-join. */
function duplicateFilter(lines: number[]): string {
  if (lines.length === 0) return '';
  if (lines.length <= 1000) return ` and _line not in (${lines.join(', ')})`;
  return ' and _line not in (select line from duplicate_lines)';
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

/** RFC 4180 quoting where needed. */
function csvField(value: string): string {
  if (value === '') return '';
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function write(out: WriteStream, chunk: string): Promise<void> {
  if (chunk === '') return Promise.resolve();
  return new Promise((resolve, reject) => {
    out.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}
