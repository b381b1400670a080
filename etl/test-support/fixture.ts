import type { ScorecardIndicator } from '@oscp/contracts';
import { buildScorecards, type IndicatorMeasure } from '@oscp/scorecard';
import { sqlIdentifier, withWarehouse } from '@oscp/warehouse';
import { DATASETS, type Dataset, type Finding } from '../src/types';
import { buildModels, createSourceTables } from '../src/snapshot/build-snapshot';
import { readMeasures } from '../src/snapshot/measures';
import { LINEAGE_COLUMNS, SOURCE_COLUMNS } from '../src/snapshot/source-tables';
import { sqlLiteral } from '../src/snapshot/sql-values';

/** A cell as a test writes it: dates `YYYY-MM-DD`, datetimes `YYYY-MM-DD HH:MM` (London wall clock). */
export type FixtureCell = string | number | boolean | null | string[];
export type FixtureRow = Record<string, FixtureCell>;

/** One accepted file of a dataset; `rows` alone is one file extracted on `2030-01-01`. */
export interface FixtureFile {
  fileName: string;
  extractDate: string;
  rows: FixtureRow[];
}

export type Fixture = Partial<Record<Dataset, FixtureRow[] | FixtureFile[]>>;

export interface FixtureRecord {
  period: string;
  code: string;
  part: string;
  dataset: string;
  record_id: string;
  child_id: string | null;
}

export interface BuiltFixture {
  periods: string[];
  defaultPeriod: string | null;
  findings: Finding[];
  measure(code: string, period: string): IndicatorMeasure;
  indicator(code: string, period: string): ScorecardIndicator;
  records(code: string, period: string, part: 'numerator' | 'denominator'): string[];
  /** Rows of any table of the built warehouse, read before it closed. */
  tables: Record<string, Record<string, unknown>[]>;
}

function isFileList(value: FixtureRow[] | FixtureFile[]): value is FixtureFile[] {
  return value.length > 0 && 'rows' in (value[0] ?? {}) && Array.isArray((value[0] as FixtureFile).rows);
}

function cellLiteral(cell: FixtureCell | undefined): string {
  if (cell === undefined) return 'null';
  if (Array.isArray(cell)) return `[${cell.map((item) => sqlLiteral(item)).join(', ')}]`;
  return sqlLiteral(cell);
}

/**
 * Builds the models on small hand-made source tables in an in-memory DuckDB (no Parquet, no
 * validation: the rows are taken as validated) and hands back the measures, the scorecard the
 * rules make of them and the drill-through records.
 */
export async function buildFixture(
  fixture: Fixture,
  options: { runDate: string; laCode?: number; readTables?: string[] },
): Promise<BuiltFixture> {
  return withWarehouse({ path: ':memory:' }, async (warehouse) => {
    await createSourceTables(warehouse);
    for (const dataset of DATASETS) {
      const given = fixture[dataset];
      if (!given || given.length === 0) continue;
      const files: FixtureFile[] = isFileList(given)
        ? given
        : [{ fileName: `${dataset}_20300101.csv`, extractDate: '2030-01-01', rows: given }];
      const ranked = [...files].sort((a, b) =>
        a.extractDate === b.extractDate
          ? a.fileName < b.fileName
            ? -1
            : 1
          : a.extractDate < b.extractDate
            ? -1
            : 1,
      );
      const columns = [...SOURCE_COLUMNS[dataset], ...LINEAGE_COLUMNS].map(([name]) => name);
      for (const [rank, file] of ranked.entries()) {
        for (const [index, row] of file.rows.entries()) {
          for (const name of Object.keys(row)) {
            if (!columns.includes(name))
              throw new Error(`The fixture's ${dataset} row has an unknown column ${name}.`);
          }
          const lineage: Record<string, FixtureCell> = {
            _line: index + 2,
            _submission_id: `fixture-${dataset}-${rank + 1}`,
            _file_name: file.fileName,
            _extract_date: file.extractDate,
            _file_rank: rank + 1,
          };
          const values = columns.map((name) => cellLiteral(name in lineage ? lineage[name] : row[name]));
          await warehouse.run(
            `insert into ${sqlIdentifier(`src_${dataset}`)} (${columns.map(sqlIdentifier).join(', ')}) values (${values.join(', ')})`,
          );
        }
      }
    }
    const outcome = await buildModels(warehouse, { runDate: options.runDate, laCode: options.laCode ?? 353 });
    const { measures } = await readMeasures(warehouse);
    const scorecards = buildScorecards({
      measures,
      runDate: options.runDate,
      overrides: [],
      comparators: [],
      extraHolidays: outcome.extraHolidays,
    });
    const records = await warehouse.all<FixtureRecord & Record<string, string | null>>(
      `select period, code, part, dataset, record_id, child_id from scorecard_record order by record_id`,
    );
    const tables: Record<string, Record<string, unknown>[]> = {};
    for (const table of options.readTables ?? [])
      tables[table] = await warehouse.all(`select * from ${sqlIdentifier(table)}`);

    const measureOf = (code: string, period: string): IndicatorMeasure => {
      const found = measures.find((m) => m.code === code && m.period === period);
      if (!found)
        throw new Error(`No measure of ${code} in ${period}; periods are ${outcome.periods.join(', ')}.`);
      return found;
    };
    return {
      periods: outcome.periods,
      defaultPeriod: outcome.defaultPeriod,
      findings: outcome.findings,
      measure: measureOf,
      indicator: (code, period) => {
        const found = scorecards.get(period)?.find((indicator) => indicator.code === code);
        if (!found) throw new Error(`No scorecard entry of ${code} in ${period}.`);
        return found;
      },
      records: (code, period, part) =>
        records
          .filter((r) => r.code === code && r.period === period && r.part === part)
          .map((r) => r.record_id),
      tables,
    };
  });
}

/** A measure's numbers as one comparable object. */
export function numbers(
  measure: IndicatorMeasure,
): Pick<IndicatorMeasure, 'status' | 'numerator' | 'denominator'> {
  return { status: measure.status, numerator: measure.numerator, denominator: measure.denominator };
}
