import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AGENCY_CODES } from '@oscp/contracts';
import { DATASETS, type Dataset } from '../types';
import {
  CONTRACT_SCHEMA_MODULE,
  defineContractSchemas,
  type CodeList,
  type CodeListsFile,
  type ColumnContract,
  type DatasetContract,
} from './schema';

/** Every dataset's contract and the code lists they name, checked against each other. */
export interface Contracts {
  version: number;
  datasets: Record<Dataset, DatasetContract>;
  codeLists: Record<string, CodeList>;
}

/** A rule that needs another dataset, checked by the snapshot builder rather than per file. */
export type CrossDatasetRule =
  | {
      rule: 'references';
      dataset: Dataset;
      column: string;
      /** The referenced dataset and column: the value must exist there. */
      refDataset: Dataset;
      refColumn: string;
    }
  | {
      rule: 'not_before_referenced';
      dataset: Dataset;
      column: string;
      /** The column of this dataset that references `refDataset` (declared with `references`). */
      via: string;
      refDataset: Dataset;
      /** The column of the referenced row this value may not be earlier than. */
      refColumn: string;
    };

export class ContractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractError';
  }
}

/** `etl/contracts`, found from this file in `src/contracts` and in `dist/contracts` alike. */
export const DEFAULT_CONTRACTS_DIR = resolve(__dirname, '..', '..', 'contracts');

/**
 * The SHA-256 of the contract files `npm run build` checked (those of `etl/contracts`), beside
 * the compiled code. Files with that hash are used as they stand, without loading zod (tens of
 * milliseconds of the ETL child's start-up, on the critical path of every run); any others are
 * checked with zod as before, with the same messages.
 */
export const CHECKED_CONTRACTS_PATH = join(__dirname, 'contracts.checked.json');

/** The files `loadContracts` reads, in the order it reads them (and hashes them). */
const CONTRACT_FILES: readonly string[] = [
  'code-lists.json',
  ...DATASETS.map((dataset) => `${dataset}.json`),
];

/** A contract file's parsed JSON, by file name; throws a `ContractError` if it cannot be read. */
export type ContractJson = (file: string) => unknown;

/** Checks the contract files against their schemas: returns them, or throws the first problem. */
export type ContractFilesValidator = (json: ContractJson) => Contracts;

const cache = new Map<string, Contracts>();

/** Reads and checks `<dir>/<dataset>.json` for every dataset and `<dir>/code-lists.json` (cached). */
export function loadContracts(dir: string = DEFAULT_CONTRACTS_DIR): Contracts {
  const cached = cache.get(dir);
  if (cached) return cached;
  const contracts = readContracts(dir);
  cache.set(dir, contracts);
  return contracts;
}

/**
 * The contracts in `dir`, uncached: taken as they stand when the files' SHA-256 is the one recorded
 * at `checkedPath`, otherwise checked by `validate`. Either way the contracts must agree with each
 * other and with the agencies the product knows (`checkConsistency`, plain code and cheap).
 */
export function readContracts(
  dir: string,
  checkedPath: string = CHECKED_CONTRACTS_PATH,
  validate: ContractFilesValidator = validateContractFiles,
): Contracts {
  const files = readContractFiles(dir);
  const sha256 = contractFilesSha256(files);
  const checked = sha256 !== null && sha256 === readCheckedSha256(checkedPath);
  return consistent(checked ? contractsAsTheyStand(files.json) : validate(files.json));
}

/**
 * Checks the contract files in `dir` as `loadContracts` does when they were not checked before and,
 * if they pass, records their SHA-256 at `checkedPath` (run by `npm run build`). Any earlier record
 * is removed first, so files that fail the check are never taken as checked.
 */
export function writeCheckedContracts(
  dir: string = DEFAULT_CONTRACTS_DIR,
  checkedPath: string = CHECKED_CONTRACTS_PATH,
): void {
  rmSync(checkedPath, { force: true });
  const files = readContractFiles(dir);
  consistent(validateContractFiles(files.json));
  const sha256 = contractFilesSha256(files);
  if (sha256 === null) throw new ContractError(`The contract files in ${dir} could not all be read`);
  writeFileSync(`${checkedPath}.writing`, JSON.stringify({ sha256 }));
  renameSync(`${checkedPath}.writing`, checkedPath);
}

/** Checks the contract files with their zod schemas, in the order and words `loadContracts` always used. */
export function validateContractFiles(json: ContractJson): Contracts {
  // Loaded here, only for files other than those checked at build time. A require, not an
  // import(): `loadContracts` is synchronous, and (unlike a module of this package) the zod
  // package can be required from the sources under vitest as well.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { z } = require('zod') as typeof import('zod');
  const schemas = defineContractSchemas(z);
  const codeListsFile = schemas.codeListsFile.safeParse(json('code-lists.json'));
  if (!codeListsFile.success) {
    throw new ContractError(`code-lists.json is not a valid code list file: ${codeListsFile.error.message}`);
  }
  const datasets = {} as Record<Dataset, DatasetContract>;
  for (const dataset of DATASETS) {
    const parsed = schemas.datasetContract.safeParse(json(`${dataset}.json`));
    if (!parsed.success) {
      throw new ContractError(`${dataset}.json is not a valid contract: ${parsed.error.message}`);
    }
    if (parsed.data.dataset !== dataset) {
      throw new ContractError(`${dataset}.json declares dataset "${parsed.data.dataset}"`);
    }
    datasets[dataset] = parsed.data;
  }
  return { version: codeListsFile.data.version, datasets, codeLists: codeListsFile.data.lists };
}

/** Contract files that passed the checks at build time: their JSON is their contracts. */
function contractsAsTheyStand(json: ContractJson): Contracts {
  const codeListsFile = json('code-lists.json') as CodeListsFile;
  const datasets = {} as Record<Dataset, DatasetContract>;
  for (const dataset of DATASETS) datasets[dataset] = json(`${dataset}.json`) as DatasetContract;
  return { version: codeListsFile.version, datasets, codeLists: codeListsFile.lists };
}

function consistent(contracts: Contracts): Contracts {
  const problems = checkConsistency(contracts);
  if (problems.length > 0) throw new ContractError(`The contracts disagree: ${problems.join('; ')}`);
  return contracts;
}

/** Each contract file's bytes (or why it could not be read), and their JSON parsed on demand. */
interface ContractFiles {
  bytes: ReadonlyMap<string, Buffer | ContractError>;
  json: ContractJson;
}

function readContractFiles(dir: string): ContractFiles {
  const bytes = new Map<string, Buffer | ContractError>();
  for (const file of CONTRACT_FILES) {
    const path = join(dir, file);
    try {
      bytes.set(file, readFileSync(path));
    } catch (error) {
      bytes.set(file, unreadable(path, error));
    }
  }
  // A file that cannot be read or parsed fails when its turn comes, as when each was read in turn.
  const json: ContractJson = (file) => {
    const read = bytes.get(file);
    if (read === undefined) throw new ContractError(`${file} is not a contract file`);
    if (read instanceof ContractError) throw read;
    try {
      return JSON.parse(read.toString('utf8')) as unknown;
    } catch (error) {
      throw unreadable(join(dir, file), error);
    }
  };
  return { bytes, json };
}

function unreadable(path: string, error: unknown): ContractError {
  return new ContractError(
    `Could not read contract file ${path}: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/**
 * One SHA-256 of every file's name and bytes, in `CONTRACT_FILES` order, and of the schemas' code
 * (so a record made before the schemas changed no longer matches); null if a file is unreadable.
 */
function contractFilesSha256(files: ContractFiles): string | null {
  const hash = createHash('sha256');
  const schemaCode = readFileSync(CONTRACT_SCHEMA_MODULE);
  hash.update(`schema\0${schemaCode.length}\0`);
  hash.update(schemaCode);
  for (const file of CONTRACT_FILES) {
    const bytes = files.bytes.get(file);
    if (!(bytes instanceof Buffer)) return null;
    // Name and length first, so that no two different sets of files hash the same bytes.
    hash.update(`${file}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

function readCheckedSha256(checkedPath: string): string | null {
  if (!existsSync(checkedPath)) return null;
  try {
    const record = JSON.parse(readFileSync(checkedPath, 'utf8')) as { sha256?: unknown } | null;
    return typeof record?.sha256 === 'string' ? record.sha256 : null;
  } catch {
    return null;
  }
}

/** The cross-dataset rules of every contract, for the snapshot builder. */
export function crossDatasetRules(contracts: Contracts = loadContracts()): CrossDatasetRule[] {
  const rules: CrossDatasetRule[] = [];
  for (const dataset of DATASETS) {
    const contract = contracts.datasets[dataset];
    for (const column of contract.columns) {
      if (column.references) {
        rules.push({
          rule: 'references',
          dataset,
          column: column.name,
          refDataset: column.references.dataset,
          refColumn: column.references.column,
        });
      }
      if (column.notBeforeReferenced) {
        const via = contract.columns.find((c) => c.name === column.notBeforeReferenced?.via);
        if (!via?.references) continue; // rejected by checkConsistency at load
        rules.push({
          rule: 'not_before_referenced',
          dataset,
          column: column.name,
          via: via.name,
          refDataset: via.references.dataset,
          refColumn: column.notBeforeReferenced.column,
        });
      }
    }
  }
  return rules;
}

/** The canonical codes of a list, keyed by their upper-case form (codes match case-insensitively). */
export function codeLookup(contracts: Contracts, listName: string): Map<string, string> {
  const list = contracts.codeLists[listName];
  if (!list) throw new ContractError(`No code list named "${listName}"`);
  return new Map(list.codes.map((entry) => [entry.code.toUpperCase(), entry.code]));
}

const NUMERIC_TYPES = new Set(['int', 'number', 'year']);
const CODE_TYPES = new Set(['code', 'code_list']);

function checkConsistency(contracts: Contracts): string[] {
  const problems: string[] = [];
  // The agencies are defined once, in libs/contracts; the contract's code list must say the same.
  const agencies = contracts.codeLists.agency?.codes.map((entry) => entry.code) ?? [];
  if (agencies.join(',') !== AGENCY_CODES.join(','))
    problems.push(`code list agency must list ${AGENCY_CODES.join(', ')} (libs/contracts AGENCY_CODES)`);
  for (const [listName, list] of Object.entries(contracts.codeLists)) {
    const seen = new Set<string>();
    for (const { code } of list.codes) {
      if (seen.has(code.toUpperCase())) problems.push(`code list ${listName} repeats ${code}`);
      if (code !== code.toUpperCase()) problems.push(`code list ${listName}: ${code} is not upper case`);
      seen.add(code.toUpperCase());
    }
  }
  for (const dataset of DATASETS) {
    const contract = contracts.datasets[dataset];
    const where = (column: ColumnContract): string => `${dataset}.${column.name}`;
    const byName = new Map<string, ColumnContract>();
    for (const column of contract.columns) {
      if (byName.has(column.name)) problems.push(`${where(column)} is declared twice`);
      byName.set(column.name, column);
    }
    for (const key of contract.key) {
      const column = byName.get(key);
      if (!column) problems.push(`${dataset} key column ${key} is not a column`);
      else if (!column.required) problems.push(`${dataset} key column ${key} must be required`);
    }
    for (const column of contract.columns) {
      const codeList = column.codeList;
      if (CODE_TYPES.has(column.type) !== (codeList !== undefined)) {
        problems.push(`${where(column)}: codeList is needed for code columns and only for them`);
      }
      if (codeList !== undefined && !contracts.codeLists[codeList]) {
        problems.push(`${where(column)} names an unknown code list ${codeList}`);
      }
      const hasNumericLimit =
        column.min !== undefined || column.max !== undefined || column.greaterThan !== undefined;
      if (hasNumericLimit && !NUMERIC_TYPES.has(column.type))
        problems.push(`${where(column)}: min/max on a non-number`);
      if (column.maxLength !== undefined && column.type !== 'text')
        problems.push(`${where(column)}: maxLength on a non-text`);
      if (column.name.endsWith('_id') && column.type !== 'id')
        problems.push(`${where(column)}: *_id columns are of type id`);
      for (const rule of column.rules ?? []) {
        if (rule.rule === 'indicator_source') {
          const known = codeList ? codeLookup(contracts, codeList) : new Map<string, string>();
          for (const code of rule.codes) {
            if (!known.has(code.toUpperCase()))
              problems.push(`${where(column)}: ${code} is not in ${codeList ?? 'a code list'}`);
          }
          continue;
        }
        const other = byName.get(rule.column);
        if (!other) {
          problems.push(`${where(column)}: rule ${rule.rule} names an unknown column ${rule.column}`);
          continue;
        }
        if (rule.rule === 'not_before' && other.type !== column.type) {
          problems.push(`${where(column)}: not_before compares with ${other.name} of another type`);
        }
        if (rule.rule === 'not_together' && column.type !== 'flag')
          problems.push(`${where(column)}: not_together needs a flag`);
        if (
          rule.rule === 'numerator_le_denominator' &&
          (column.type !== 'number' || other.type !== 'number')
        ) {
          problems.push(`${where(column)}: numerator_le_denominator compares numbers`);
        }
        if (rule.rule === 'denominator_required_for') {
          const known = other.codeList ? codeLookup(contracts, other.codeList) : new Map<string, string>();
          for (const code of rule.codes) {
            if (!known.has(code.toUpperCase()))
              problems.push(`${where(column)}: ${code} is not a code of ${other.name}`);
          }
        }
      }
      if (column.references) {
        const target = contracts.datasets[column.references.dataset].columns.find(
          (c) => c.name === column.references?.column,
        );
        if (!target) problems.push(`${where(column)} references an unknown column`);
      }
      if (column.notBeforeReferenced) {
        const via = byName.get(column.notBeforeReferenced.via);
        if (!via?.references) {
          problems.push(`${where(column)}: notBeforeReferenced.via must be a column with references`);
        } else {
          const target = contracts.datasets[via.references.dataset].columns.find(
            (c) => c.name === column.notBeforeReferenced?.column,
          );
          if (!target || target.type !== column.type) {
            problems.push(
              `${where(column)}: notBeforeReferenced names a missing column or one of another type`,
            );
          }
        }
      }
    }
  }
  return problems;
}
