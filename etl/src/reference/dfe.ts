import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ComparatorValue } from '@oscp/scorecard';
import { readDfeRecords, writePreparedDfeFiles } from './dfe-prepared';

/**
 * Comparators and the 0-17 population from the DfE files shipped in `etl/reference/dfe/`
 * (see its README for source and licence, and `docs/comparators.md` for the definitions).
 */

export type DfeComparatorCode = 'FD04' | 'FD05' | 'CP01' | 'CP02' | 'CP03' | 'CP05' | 'CP06';

export interface DfePopulation {
  /** Mid-year of the ONS estimate (2023 = mid-2023, serving financial year 2023-24). */
  year: number;
  ageBand: '0-17' | '10-17';
  count: number;
}

const DFE_FILES = {
  referrals: 'c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv',
  section47: 'c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv',
  subsequentPlans: 'd3_cpps_subsequent_plan_2013_to_2025.csv',
  plansAt31March: 'd5_cpps_at31march_by_duration_2013_to_2025.csv',
  population: 'ons_mid-year_population_estimates_2012_to_2024.csv',
  neighbours: 'sn_model_2025_wide.csv',
} as const;

type DfeFileKey = keyof typeof DFE_FILES;
type CsvRow = Record<string, string>;

/** One DfE file indexed by time period, then geography. */
interface DfeTable {
  byPeriod: Map<
    number,
    { national: CsvRow | undefined; regions: Map<string, CsvRow>; las: Map<number, CsvRow> }
  >;
}

const ETL_PACKAGE_NAME = '@oscp/etl';
const LONDON_REGION = 'E12000007';
/** DfE splits London LAs into Inner and Outer London; the comparator region is London itself. */
const LONDON_SUB_REGIONS = new Set(['E13000001', 'E13000002']);

let referenceDirCache: string | undefined;

/**
 * The shipped `etl/reference/dfe` folder, found by walking up from this file to the `etl`
 * package root: the same code runs from `etl/src` (tests) and `etl/dist` (built).
 */
export function dfeReferenceDir(): string {
  referenceDirCache ??= join(findEtlPackageDir(__dirname), 'reference', 'dfe');
  return referenceDirCache;
}

/** The nearest folder at or above `startDir` whose package.json is the `etl` package's. */
export function findEtlPackageDir(startDir: string): string {
  let dir = startDir;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readPackageName(manifest) === ETL_PACKAGE_NAME) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(
        `Could not find the ${ETL_PACKAGE_NAME} package folder (with reference/dfe) above ${startDir}.`,
      );
    }
    dir = parent;
  }
}

function readPackageName(manifest: string): string | undefined {
  const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
  if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && typeof parsed.name === 'string') {
    return parsed.name;
  }
  return undefined;
}

/** Each record of a DfE file keyed by its header (read from its prepared copy when it can be). */
function readCsv(key: DfeFileKey): CsvRow[] {
  const { header, records } = readDfeRecords(join(dfeReferenceDir(), DFE_FILES[key]));
  return records.map((cells) => {
    const row: CsvRow = {};
    header.forEach((name, index) => {
      row[name] = cells[index] ?? '';
    });
    return row;
  });
}

/** Writes the prepared copies of the shipped DfE files (`dfe-prepared.ts`); run by `npm run build`. */
export function prepareDfeReference(preparedDir?: string): void {
  writePreparedDfeFiles(
    Object.values(DFE_FILES).map((name) => join(dfeReferenceDir(), name)),
    preparedDir,
  );
}

const tableCache = new Map<DfeFileKey, DfeTable>();

function table(key: Exclude<DfeFileKey, 'neighbours'>): DfeTable {
  const cached = tableCache.get(key);
  if (cached) return cached;
  const built: DfeTable = { byPeriod: new Map() };
  for (const row of readCsv(key)) {
    const period = Number(row.time_period);
    let entry = built.byPeriod.get(period);
    if (!entry) {
      entry = { national: undefined, regions: new Map(), las: new Map() };
      built.byPeriod.set(period, entry);
    }
    if (row.geographic_level === 'National') entry.national = row;
    else if (row.geographic_level === 'Regional') entry.regions.set(row.region_code ?? '', row);
    else if (row.geographic_level === 'Local authority') entry.las.set(Number(row.old_la_code), row);
  }
  tableCache.set(key, built);
  return built;
}

/**
 * A published cell as a number, or null when suppressed or not available: DfE's symbols
 * `c` (suppressed), `x` (not available), `z` (not applicable), `u` (low reliability), `:`, `..`,
 * `low`, and blanks, are all missing.
 */
export function dfeNumber(cell: string | undefined): number | null {
  if (cell === undefined) return null;
  const text = cell.trim();
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

let neighbourCache: Map<number, { name: string; neighbours: number[] }> | undefined;

function neighbourModel(): Map<number, { name: string; neighbours: number[] }> {
  if (neighbourCache) return neighbourCache;
  const model = new Map<number, { name: string; neighbours: number[] }>();
  for (const row of readCsv('neighbours')) {
    const neighbours: number[] = [];
    for (let rank = 1; rank <= 10; rank += 1) {
      const code = dfeNumber(row[`SN_${rank}`]);
      if (code !== null) neighbours.push(code);
    }
    model.set(Number(row.old_la_code), { name: row.la_name ?? '', neighbours });
  }
  neighbourCache = model;
  return model;
}

/** The LA's 10 statistical neighbours (old LA codes, closest first) in DfE's 2025 model. */
export function loadDfeStatisticalNeighbours(laCode: number): number[] {
  const entry = neighbourModel().get(laCode);
  if (!entry) throw unknownLaError(laCode);
  return [...entry.neighbours];
}

function unknownLaError(laCode: number): Error {
  return new Error(
    `Local authority code ${laCode} is not in DfE's 2025 statistical neighbour model (${DFE_FILES.neighbours}); ` +
      'set OSCP_LA_CODE to a DfE "old" LA number such as 353 (Oldham).',
  );
}

/** Financial year label for DfE's `time_period` (2025 = year ending 31 March 2025 = `2024-25`). */
export function financialYearOfTimePeriod(timePeriod: number): string {
  return `${timePeriod - 1}-${String(timePeriod % 100).padStart(2, '0')}`;
}

/** A geography in one time period: the row of each file and the population that serves it. */
interface Geography {
  row: (key: Exclude<DfeFileKey, 'neighbours' | 'population'>) => CsvRow | undefined;
  population: number | null;
}

function ratePer10k(count: number | null, population: number | null): number | null {
  if (count === null || population === null || population <= 0) return null;
  return (count / population) * 10_000;
}

function valueOf(code: DfeComparatorCode, geo: Geography): number | null {
  switch (code) {
    case 'FD04':
      return ratePer10k(dfeNumber(geo.row('referrals')?.referral_count), geo.population);
    case 'FD05':
      return dfeNumber(geo.row('referrals')?.rereferral_percent);
    case 'CP01':
      return ratePer10k(dfeNumber(geo.row('section47')?.Section47), geo.population);
    case 'CP02': {
      const row = geo.row('section47');
      const within10 = dfeNumber(row?.['Duration_0-10_days']);
      const within15 = dfeNumber(row?.['Duration_11-15_days']);
      const icpcs = dfeNumber(row?.ICPC);
      if (within10 === null || within15 === null || icpcs === null || icpcs <= 0) return null;
      return ((within10 + within15) / icpcs) * 100;
    }
    case 'CP03':
      return ratePer10k(dfeNumber(geo.row('plansAt31March')?.CPP_At31), geo.population);
    case 'CP05':
      return dfeNumber(geo.row('subsequentPlans')?.CPP_subsequent_percent);
    case 'CP06':
      return dfeNumber(geo.row('plansAt31March')?.['2_years_or_more_percent']);
  }
}

const COMPARATOR_CODES: DfeComparatorCode[] = ['FD04', 'FD05', 'CP01', 'CP02', 'CP03', 'CP05', 'CP06'];

/** A region of England as DfE's files name it. */
export interface DfeRegion {
  /** ONS region code, e.g. `E12000002`. */
  code: string;
  /** e.g. `North West`. */
  name: string;
}

/** The LA's region code, from its latest row in the referrals file (London sub-regions → London). */
function regionCodeOf(laCode: number): string | undefined {
  const periods = [...table('referrals').byPeriod.keys()].sort((a, b) => b - a);
  for (const period of periods) {
    const code = table('referrals').byPeriod.get(period)?.las.get(laCode)?.region_code;
    if (code) return LONDON_SUB_REGIONS.has(code) ? LONDON_REGION : code;
  }
  return undefined;
}

/**
 * The LA's own region, whose values are the `REGION` comparators, named as DfE's Regional rows
 * name it (latest year first); null for an LA without a row in the referrals file.
 */
export function loadDfeRegion(laCode: number): DfeRegion | null {
  if (!neighbourModel().has(laCode)) throw unknownLaError(laCode);
  const code = regionCodeOf(laCode);
  if (code === undefined) return null;
  const periods = [...table('referrals').byPeriod.keys()].sort((a, b) => b - a);
  for (const period of periods) {
    const name = table('referrals').byPeriod.get(period)?.regions.get(code)?.region_name;
    if (name) return { code, name };
  }
  return null;
}

type Selector = (
  entry: { national: CsvRow | undefined; regions: Map<string, CsvRow>; las: Map<number, CsvRow> } | undefined,
) => CsvRow | undefined;

function geography(timePeriod: number, select: Selector): Geography {
  // DfE's rates for the year ending 31 March Y use the ONS estimate for mid-(Y-1).
  const populationRow = select(table('population').byPeriod.get(timePeriod - 1));
  return {
    row: (key) => select(table(key).byPeriod.get(timePeriod)),
    population: dfeNumber(populationRow?.population_estimate),
  };
}

const comparatorCache = new Map<number, ComparatorValue[]>();

/**
 * England, the LA's own region (group `REGION`, see `loadDfeRegion`) and the mean of the LA's
 * statistical neighbours that have a value, for every DfE year with data.
 */
export function loadDfeComparators(laCode: number): ComparatorValue[] {
  const cached = comparatorCache.get(laCode);
  if (cached) return cached;
  const neighbours = loadDfeStatisticalNeighbours(laCode);
  const region = regionCodeOf(laCode);
  const periods = [...table('referrals').byPeriod.keys()].sort((a, b) => a - b);
  const values: ComparatorValue[] = [];
  for (const period of periods) {
    const year = financialYearOfTimePeriod(period);
    const england = geography(period, (entry) => entry?.national);
    const ownRegion =
      region === undefined ? undefined : geography(period, (entry) => entry?.regions.get(region));
    const neighbourGeos = neighbours.map((code) => geography(period, (entry) => entry?.las.get(code)));
    for (const code of COMPARATOR_CODES) {
      const englandValue = valueOf(code, england);
      if (englandValue !== null) values.push({ code, year, group: 'ENGLAND', value: englandValue });
      const regionValue = ownRegion ? valueOf(code, ownRegion) : null;
      if (regionValue !== null) values.push({ code, year, group: 'REGION', value: regionValue });
      const neighbourValues = neighbourGeos
        .map((geo) => valueOf(code, geo))
        .filter((v): v is number => v !== null);
      if (neighbourValues.length > 0) {
        const mean = neighbourValues.reduce((sum, v) => sum + v, 0) / neighbourValues.length;
        values.push({ code, year, group: 'STAT_NEIGHBOURS', value: mean });
      }
    }
  }
  comparatorCache.set(laCode, values);
  return values;
}

const populationCache = new Map<number, DfePopulation[]>();

/**
 * The LA's ONS mid-year estimates of children aged 0-17. DfE's files have no 10-17 band: PT03
 * (per 100,000 aged 10-17) needs a `population` file with 10-17 in the inbox, else it is `[x]`.
 */
export function loadDfePopulation(laCode: number): DfePopulation[] {
  const cached = populationCache.get(laCode);
  if (cached) return cached;
  if (!neighbourModel().has(laCode)) throw unknownLaError(laCode);
  const rows: DfePopulation[] = [];
  const periods = [...table('population').byPeriod.keys()].sort((a, b) => a - b);
  for (const period of periods) {
    const count = dfeNumber(table('population').byPeriod.get(period)?.las.get(laCode)?.population_estimate);
    if (count !== null) rows.push({ year: period, ageBand: '0-17', count });
  }
  populationCache.set(laCode, rows);
  return rows;
}
