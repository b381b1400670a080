import { sqlIdentifier, sqlString } from '@oscp/warehouse';
import { codeLookup, type ColumnContract, type Contracts } from '../contracts';
import type { CompiledContract } from './compile';

/**
 * The contract's cell and row rules as DuckDB SQL that only decides which rows are *certainly*
 * valid, and gives their canonical values. It is conservative by design: a row it cannot prove
 * valid (a blank required cell, a malformed value, a fractional second, a non-ASCII code, a
 * year outside the range checked here, ...) is left to the TypeScript rules, which write every
 * finding with its exact message and also accept a row that turns out to be valid. So SQL never
 * writes a finding, and the only thing it must get right is "valid, with these values".
 *
 * Every expression works on `r<i>`: the cell of contract column i with spaces trimmed, NULL when
 * blank. JavaScript's `trim` removes more (tabs, no-break spaces, ...); a cell with such
 * characters at its ends fails every pattern below (they are ASCII-only and anchored) or, for
 * text, the explicit check, so it goes to TypeScript.
 */

/** Characters JavaScript's `String.prototype.trim` removes besides the space (RE2 class body). */
const JS_TRIM_CLASS =
  '\\t\\n\\x0B\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';

export interface SqlColumn {
  /** Canonical value with the contract type (DuckDB type of `DUCKDB_TYPES`; code lists as `a;b` text). */
  value: string;
  /** True when the cell is certainly valid (or blank and optional). */
  ok: string;
  /** The canonical text TypeScript would put in the row's key, from `value`. */
  keyText: string;
}

export interface SqlRules {
  columns: SqlColumn[];
  /** Row rules that certainly pass, over `r<i>` and `v<i>` (the column values). */
  rowRulesPass: string;
  /** The row's key text as TypeScript builds it. */
  key: string;
}

/** Why a contract cannot be checked in SQL (its files then take the TypeScript pass), or null. */
export function sqlIneligibility(compiled: CompiledContract): string | null {
  const { contract } = compiled;
  for (const position of compiled.key) {
    const column = contract.columns[position];
    if (column?.type === 'number') return `key column ${column.name} is a number`;
  }
  for (const column of contract.columns) {
    for (const rule of column.rules ?? []) {
      if (rule.rule === 'not_before' && !['date', 'datetime', 'int', 'year'].includes(column.type))
        return `not_before on ${column.type}`;
    }
  }
  return null;
}

function literalList(values: string[]): string {
  return values.map(sqlString).join(', ');
}

function regex(pattern: string): string {
  return sqlString(pattern);
}

/** Canonical value of one cell `r` of a contract column, NULL when not certainly valid. */
function valueExpression(contracts: Contracts, column: ColumnContract, r: string): string {
  const full = (pattern: string): string => `regexp_full_match(${r}, ${regex(pattern)})`;
  const ascii = `strlen(${r}) = length(${r})`;
  switch (column.type) {
    case 'id':
      return `case when ${full('[A-Za-z0-9_-]{1,64}')} then ${r} end`;
    case 'text': {
      const length = column.maxLength === undefined ? 'true' : `length(${r}) <= ${column.maxLength}`;
      return `case when not regexp_matches(${r}, ${regex(`^[${JS_TRIM_CLASS}]|[${JS_TRIM_CLASS}]$`)}) and ${length} then ${r} end`;
    }
    case 'code': {
      const codes = [...codeLookup(contracts, column.codeList ?? '').values()];
      return `case when ${ascii} and upper(${r}) in (${literalList(codes)}) then upper(${r}) end`;
    }
    case 'code_list': {
      const codes = [...codeLookup(contracts, column.codeList ?? '').values()];
      const items = `list_transform(string_split(${r}, ';'), x -> upper(trim(x)))`;
      return `case when ${ascii} and list_bool_and(list_transform(${items}, x -> x in (${literalList(codes)}))) then array_to_string(${items}, ';') end`;
    }
    case 'date':
      return `case
        when ${full(String.raw`\d{4}-\d{2}-\d{2}`)} and ${r} >= '1000' then try_cast(${r} as date)
        when ${full(String.raw`\d{1,2}/\d{1,2}/\d{4}`)} and split_part(${r}, '/', 3) >= '1000'
          then try_cast(split_part(${r}, '/', 3) || '-' || lpad(split_part(${r}, '/', 2), 2, '0') || '-' || lpad(split_part(${r}, '/', 1), 2, '0') as date)
      end`;
    case 'datetime':
      return datetimeExpression(r);
    case 'flag':
      return `case when strlen(${r}) <= 5 and ${ascii} then case lower(${r})
        when 'y' then true when 'true' then true when '1' then true
        when 'n' then false when 'false' then false when '0' then false end end`;
    case 'int':
      return withLimits(column, `case when ${full(String.raw`[+-]?\d+`)} then try_cast(${r} as integer) end`);
    case 'year':
      return withLimits(column, `case when ${full(String.raw`\d{4}`)} then try_cast(${r} as integer) end`);
    case 'number': {
      const parsed = `try_cast(${r} as double)`;
      const pattern = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
      // JavaScript's String(-0) is "0": a negative zero is stored as zero.
      return withLimits(
        column,
        `case when ${full(pattern)} and isfinite(${parsed}) then (case when ${parsed} = 0 then cast(0 as double) else ${parsed} end) end`,
      );
    }
    case 'period': {
      const pattern = String.raw`(\d{4})-(\d{2}) *[Qq]([1-4])`;
      const part = (n: number): string => `regexp_extract(${r}, ${regex(pattern)}, ${n})`;
      return `case when ${full(pattern)} and (try_cast(${part(1)} as integer) + 1) % 100 = try_cast(${part(2)} as integer)
        then ${part(1)} || '-' || ${part(2)} || ' Q' || ${part(3)} end`;
    }
    case 'financial_year':
      return `case when ${full(String.raw`\d{4}-\d{2}`)} and (try_cast(substr(${r}, 1, 4) as integer) + 1) % 100 = try_cast(substr(${r}, 6, 2) as integer) then ${r} end`;
  }
}

/** Limits as in `numericLimits`: a value outside them is not certainly valid. */
function withLimits(column: ColumnContract, value: string): string {
  const checks: string[] = [];
  if (column.min !== undefined) checks.push(`x >= ${column.min}`);
  if (column.greaterThan !== undefined) checks.push(`x > ${column.greaterThan}`);
  if (column.max !== undefined) checks.push(`x <= ${column.max}`);
  if (checks.length === 0) return value;
  // A one-element list keeps the value computed once.
  return `list_filter([${value}], x -> ${checks.join(' and ')})[1]`;
}

/** Local ISO datetimes without a fraction (hours, minutes, seconds in range; year 1000 or later). */
const ISO_LOCAL = String.raw`[1-9]\d{3}-\d{2}-\d{2}[Tt ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?`;
/** The same with `Z` or a `±HH[:MM]` offset up to 18 hours, in the years SQL converts (1972-2099). */
const ISO_OFFSET = String.raw`(19(?:7[2-9]|[89]\d)|20\d\d)-(\d{2})-(\d{2})[Tt ]((?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?)(?:([Zz])|([+-])(0\d|1[0-8])(?::?([0-5]\d))?)`;
/** `D/M/YYYY H:MM[:SS]`. */
const UK_DATETIME = String.raw`(\d{1,2})/(\d{1,2})/([1-9]\d{3}) ((?:[01]?\d|2[0-3])):([0-5]\d(?::[0-5]\d)?)`;

/**
 * ISO 8601 without a fraction (fractions are left to TypeScript: their canonical text compares
 * as text, not as time) or `DD/MM/YYYY HH:MM[:SS]`, as the Europe/London wall clock. The
 * patterns check the ranges of the time fields; DuckDB's cast checks the calendar date.
 */
function datetimeExpression(r: string): string {
  // A lambda over a one-element list binds the pattern's parts once (offsets are rare).
  const offset = `list_transform([regexp_extract(${r}, ${regex(`^${ISO_OFFSET}$`)}, ['y', 'mo', 'd', 't', 'z', 'sg', 'oh', 'om'])], p ->
      timezone('Europe/London', timezone('UTC',
        try_cast(p.y || '-' || p.mo || '-' || p.d || ' ' || p.t as timestamp)
        - to_minutes(case when p.z <> '' then 0
            else (case when p.sg = '-' then -1 else 1 end) * (try_cast(p.oh as integer) * 60 + coalesce(try_cast(nullif(p.om, '') as integer), 0)) end))))[1]`;
  const uk = `list_transform([regexp_extract(${r}, ${regex(`^${UK_DATETIME}$`)}, ['d', 'mo', 'y', 'h', 'ms'])], p ->
      try_cast(p.y || '-' || lpad(p.mo, 2, '0') || '-' || lpad(p.d, 2, '0') || ' ' || lpad(p.h, 2, '0') || ':' || p.ms as timestamp))[1]`;
  // DuckDB's cast reads ISO_LOCAL's `T` as its space, with no copy of the cell to build; it does
  // not read a lower-case `t` (null: the row is left to the TypeScript rules, which accept it).
  return `case
    when regexp_full_match(${r}, ${regex(ISO_LOCAL)}) then try_cast(${r} as timestamp)
    when regexp_full_match(${r}, ${regex(UK_DATETIME)}) then ${uk}
    when regexp_full_match(${r}, ${regex(ISO_OFFSET)}) then ${offset}
  end`;
}

/** The key text TypeScript would use for a canonical value. */
function keyTextExpression(column: ColumnContract, v: string): string {
  switch (column.type) {
    case 'date':
      return `strftime(${v}, '%Y-%m-%d')`;
    case 'datetime':
      return `strftime(${v}, '%Y-%m-%d %H:%M:%S')`;
    case 'int':
    case 'year':
    case 'flag':
      return `cast(${v} as varchar)`;
    default:
      return v;
  }
}

/** Compiles the contract's cell and row rules to SQL over `r<i>` (see the module comment). */
export function compileSqlRules(contracts: Contracts, compiled: CompiledContract): SqlRules {
  const contract = compiled.contract;
  const columns = contract.columns.map((column, i): SqlColumn => {
    const r = `r${i}`;
    const value = valueExpression(contracts, column, r);
    const v = `v${i}`;
    const ok = column.required ? `${v} is not null` : `(${r} is null or ${v} is not null)`;
    return { value, ok, keyText: keyTextExpression(column, v) };
  });
  const position = new Map(contract.columns.map((column, i) => [column.name, i]));
  const at = (name: string): number => position.get(name) ?? -1;
  const passes: string[] = [];
  contract.columns.forEach((column, p) => {
    for (const rule of column.rules ?? []) {
      switch (rule.rule) {
        case 'not_before': {
          const o = at(rule.column);
          // Dates and whole-second datetimes compare as their canonical text does.
          passes.push(`not coalesce(v${p} < v${o}, false)`);
          if (column.type === 'int' || column.type === 'year')
            passes.push(`not coalesce(cast(v${p} as varchar) < cast(v${o} as varchar), false)`);
          break;
        }
        case 'required_when':
          passes.push(`not (r${p} is null and r${at(rule.column)} is not null)`);
          break;
        case 'requires':
          passes.push(`not (r${p} is not null and r${at(rule.column)} is null)`);
          break;
        case 'not_together':
          passes.push(`not (coalesce(v${p}, false) and r${at(rule.column)} is not null)`);
          break;
        case 'numerator_le_denominator':
          passes.push(`not coalesce(v${p} > v${at(rule.column)}, false)`);
          break;
        case 'denominator_required_for': {
          const codes = rule.codes.map((code) => code.toUpperCase());
          passes.push(
            `not (r${p} is null and coalesce(v${at(rule.column)} in (${literalList(codes)}), false))`,
          );
          break;
        }
        case 'indicator_source': {
          const codes = rule.codes.map((code) => code.toUpperCase());
          passes.push(`(v${p} is null or v${p} in (${literalList(codes)}))`);
          break;
        }
      }
    }
  });
  const keyParts = compiled.key.map((i) => columns[i]?.keyText ?? 'null');
  return {
    columns,
    rowRulesPass: passes.length === 0 ? 'true' : passes.join(' and '),
    key: `concat_ws(chr(31), ${keyParts.join(', ')})`,
  };
}

/** `"name"` for the output column of contract column i. */
export function outputName(compiled: CompiledContract, i: number): string {
  return sqlIdentifier(compiled.columns[i]?.name ?? `c${i}`);
}
