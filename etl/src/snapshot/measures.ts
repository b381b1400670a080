import type { IndicatorMeasure } from '@oscp/scorecard';
import type { Warehouse } from '@oscp/warehouse';

interface MeasureRow {
  period: string;
  code: string;
  status: string;
  numerator: number | null;
  denominator: number | null;
  own_return_missing: boolean;
  [column: string]: string | number | boolean | null;
}

interface BreakdownRow {
  period: string;
  code: string;
  breakdown_key: string;
  numerator: number;
  denominator: number;
  [column: string]: string | number | null;
}

const STATUSES = new Set<IndicatorMeasure['status']>(['ok', 'no_data', 'not_applicable']);

function isStatus(status: string): status is IndicatorMeasure['status'] {
  return STATUSES.has(status as IndicatorMeasure['status']);
}

/** The marts' indicator measures with their breakdowns: the input of `buildScorecards`. */
export async function readMeasures(warehouse: Warehouse): Promise<{ measures: IndicatorMeasure[] }> {
  const rows = await warehouse.all<MeasureRow>(
    `select period, code, status, numerator, denominator, own_return_missing
     from mart_indicator_measures order by period_index, position`,
  );
  const breakdownRows = await warehouse.all<BreakdownRow>(
    `select period, code, breakdown_key, numerator, denominator
     from mart_indicator_breakdown order by period_index, code, breakdown_order, breakdown_key`,
  );
  const breakdowns = new Map<string, IndicatorMeasure['breakdown']>();
  for (const row of breakdownRows) {
    const key = `${row.code}|${row.period}`;
    let entries = breakdowns.get(key);
    if (!entries) breakdowns.set(key, (entries = []));
    entries.push({ key: row.breakdown_key, numerator: row.numerator, denominator: row.denominator });
  }
  const measures = rows.map((row): IndicatorMeasure => {
    if (!isStatus(row.status))
      throw new Error(`The measure of ${row.code} in ${row.period} has an unknown status.`);
    return {
      code: row.code,
      period: row.period,
      numerator: row.numerator,
      denominator: row.denominator,
      status: row.status,
      ownReturnMissing: row.own_return_missing,
      breakdown: breakdowns.get(`${row.code}|${row.period}`) ?? [],
    };
  });
  return { measures };
}
