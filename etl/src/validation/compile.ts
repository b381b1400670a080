import {
  codeLookup,
  type ColumnContract,
  type ColumnType,
  type Contracts,
  type DatasetContract,
} from '../contracts';
import {
  parseDate,
  parseDatetime,
  parseFinancialYear,
  parseFlag,
  parseId,
  parseInt32,
  parseNumber,
  parsePeriod,
  parseYear,
} from './parsers';

/** Why one cell fails: a stable rule name and the words that follow the value in the message. */
export interface CellProblem {
  rule: string;
  /** e.g. `is not a date (YYYY-MM-DD or DD/MM/YYYY)`; the message adds file, line, column, value. */
  detail: string;
}

/** A cell parser: canonical text, or the problem. */
export type CellParser = (text: string) => string | CellProblem;

export interface CompiledColumn {
  name: string;
  type: ColumnType;
  required: boolean;
  /** Position in the contract (and in the Parquet output). */
  position: number;
  parse: CellParser;
}

/** A rule over one row's cells, generated from a column's `rules`. */
export interface CompiledRowRule {
  rule: string;
  /** The column the finding is reported on. */
  column: number;
  /** The other column the rule looks at, if any (named in the message). */
  other: number | null;
  /**
   * True when the row breaks the rule. `raw` are the trimmed cells (null = blank), `canonical`
   * the parsed values (null = blank or invalid; invalid cells already have their own finding).
   */
  fails: (raw: (string | null)[], canonical: (string | null)[]) => boolean;
  /** What is wrong, after the value: `is before contact_datetime "…"` is completed by the caller. */
  detail: (otherValue: string | null) => string;
}

export interface CompiledContract {
  dataset: string;
  contract: DatasetContract;
  columns: CompiledColumn[];
  rowRules: CompiledRowRule[];
  /** Positions of the key columns. */
  key: number[];
}

const TYPE_PARSERS: Record<
  Exclude<ColumnType, 'code' | 'code_list' | 'text'>,
  [(text: string) => string | undefined, string, string]
> = {
  id: [parseId, 'id_format', 'is not an identifier (1-64 letters, digits, "_" or "-")'],
  date: [parseDate, 'date_format', 'is not a date (YYYY-MM-DD or DD/MM/YYYY)'],
  datetime: [
    parseDatetime,
    'datetime_format',
    'is not a date and time (YYYY-MM-DDTHH:MM[:SS] with an optional Z or ±HH:MM offset, or DD/MM/YYYY HH:MM)',
  ],
  flag: [parseFlag, 'flag_format', 'is not a flag (Y/N, true/false or 1/0)'],
  int: [parseInt32, 'int_format', 'is not a whole number'],
  number: [parseNumber, 'number_format', 'is not a number'],
  period: [parsePeriod, 'period_format', 'is not a financial-year quarter (YYYY-YY Qn, e.g. 2024-25 Q2)'],
  year: [parseYear, 'year_format', 'is not a year (YYYY)'],
  financial_year: [
    parseFinancialYear,
    'financial_year_format',
    'is not a financial year (YYYY-YY, e.g. 2023-24)',
  ],
};

/** Turns a dataset contract into cell parsers and row rules; nothing here is specific to a dataset. */
export function compileContract(contracts: Contracts, contract: DatasetContract): CompiledContract {
  const positions = new Map(contract.columns.map((column, position) => [column.name, position]));
  const positionOf = (name: string): number => {
    const position = positions.get(name);
    if (position === undefined) throw new Error(`${contract.dataset}: unknown column ${name}`);
    return position;
  };
  const columns = contract.columns.map((column, position): CompiledColumn => ({
    name: column.name,
    type: column.type,
    required: column.required,
    position,
    parse: compileParser(contracts, column),
  }));
  const rowRules: CompiledRowRule[] = [];
  contract.columns.forEach((column, position) => {
    for (const rule of column.rules ?? []) {
      switch (rule.rule) {
        case 'not_before': {
          const other = positionOf(rule.column);
          rowRules.push({
            rule: rule.rule,
            column: position,
            other,
            fails: (_raw, canonical) => {
              const value = canonical[position];
              const limit = canonical[other];
              return value != null && limit != null && value < limit;
            },
            detail: (otherValue) => `is before ${rule.column} ${quoted(otherValue)}`,
          });
          break;
        }
        case 'required_when': {
          const other = positionOf(rule.column);
          rowRules.push({
            rule: rule.rule,
            column: position,
            other,
            fails: (raw) => raw[position] == null && raw[other] != null,
            detail: (otherValue) =>
              `is blank, but a value is required when ${rule.column} is set (${quoted(otherValue)})`,
          });
          break;
        }
        case 'requires': {
          const other = positionOf(rule.column);
          rowRules.push({
            rule: rule.rule,
            column: position,
            other,
            fails: (raw) => raw[position] != null && raw[other] == null,
            detail: () => `is set, but ${rule.column} is blank`,
          });
          break;
        }
        case 'not_together': {
          const other = positionOf(rule.column);
          rowRules.push({
            rule: rule.rule,
            column: position,
            other,
            fails: (raw, canonical) => canonical[position] === 'true' && raw[other] != null,
            detail: (otherValue) => `is Y together with ${rule.column} ${quoted(otherValue)}`,
          });
          break;
        }
        case 'numerator_le_denominator': {
          const other = positionOf(rule.column);
          rowRules.push({
            rule: rule.rule,
            column: position,
            other,
            fails: (_raw, canonical) => {
              const numerator = canonical[position];
              const denominator = canonical[other];
              return numerator != null && denominator != null && Number(numerator) > Number(denominator);
            },
            detail: (otherValue) => `is greater than ${rule.column} ${quoted(otherValue)}`,
          });
          break;
        }
        case 'denominator_required_for': {
          const other = positionOf(rule.column);
          const codes = new Set(rule.codes.map((code) => code.toUpperCase()));
          rowRules.push({
            rule: rule.rule,
            column: position,
            other,
            fails: (raw, canonical) => {
              const code = canonical[other];
              return raw[position] == null && code != null && codes.has(code);
            },
            detail: (otherValue) =>
              `is blank, but ${rule.column} ${quoted(otherValue)} is a percentage and needs one`,
          });
          break;
        }
        case 'indicator_source': {
          const codes = new Set(rule.codes.map((code) => code.toUpperCase()));
          rowRules.push({
            rule: rule.rule,
            column: position,
            other: null,
            fails: (_raw, canonical) => {
              const code = canonical[position];
              return code != null && !codes.has(code);
            },
            detail: () => `is not an indicator whose source is ${rule.source} (${rule.codes.join(', ')})`,
          });
          break;
        }
      }
    }
  });
  return {
    dataset: contract.dataset,
    contract,
    columns,
    rowRules,
    key: contract.key.map(positionOf),
  };
}

function quoted(value: string | null): string {
  return value == null ? '(blank)' : `"${value}"`;
}

function compileParser(contracts: Contracts, column: ColumnContract): CellParser {
  const limits = numericLimits(column);
  if (column.type === 'code' || column.type === 'code_list') {
    const listName = column.codeList ?? '';
    const lookup = codeLookup(contracts, listName);
    const title = contracts.codeLists[listName]?.title ?? listName;
    const unknown: CellProblem = { rule: 'code_list', detail: `is not a code of the list "${title}"` };
    if (column.type === 'code') return (text) => lookup.get(text.toUpperCase()) ?? unknown;
    return (text) => {
      const codes: string[] = [];
      for (const item of text.split(';')) {
        const trimmed = item.trim();
        // An empty item (`1A;`, `1A;;2A`) names no code; it is not a code of the list either.
        const code = lookup.get(trimmed.toUpperCase());
        if (code === undefined) {
          return {
            rule: 'code_list',
            detail: `has the item "${trimmed}", which is not a code of the list "${title}"`,
          };
        }
        codes.push(code);
      }
      return codes.join(';');
    };
  }
  if (column.type === 'text') {
    const maxLength = column.maxLength;
    if (maxLength === undefined) return (text) => text;
    const tooLong: CellProblem = { rule: 'max_length', detail: `is longer than ${maxLength} characters` };
    // Length in characters (code points), not UTF-16 units.
    return (text) => (text.length <= maxLength || Array.from(text).length <= maxLength ? text : tooLong);
  }
  const [parse, rule, detail] = TYPE_PARSERS[column.type];
  const malformed: CellProblem = { rule, detail };
  if (!limits) return (text) => parse(text) ?? malformed;
  return (text) => {
    const canonical = parse(text);
    if (canonical === undefined) return malformed;
    return limits(Number(canonical)) ?? canonical;
  };
}

function numericLimits(column: ColumnContract): ((value: number) => CellProblem | undefined) | undefined {
  const { min, max, greaterThan } = column;
  if (min === undefined && max === undefined && greaterThan === undefined) return undefined;
  return (value) => {
    if (min !== undefined && value < min) return { rule: 'min', detail: `is less than ${min}` };
    if (greaterThan !== undefined && !(value > greaterThan)) {
      return { rule: 'greater_than', detail: `is not greater than ${greaterThan}` };
    }
    if (max !== undefined && value > max) return { rule: 'max', detail: `is more than ${max}` };
    return undefined;
  };
}
