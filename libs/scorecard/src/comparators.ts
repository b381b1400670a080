import { financialYearOf, financialYearStartYear } from '@oscp/calendar';
import type { Comparators } from '@oscp/contracts';
import { indicatorByCode } from './catalogue';
import type { ComparatorValue, ComparatorsFor } from './measures';

interface YearValues {
  year: string;
  startYear: number;
  england: number | null;
  region: number | null;
  statNeighbours: number | null;
}

/**
 * A lookup of comparators by indicator and period: the values for the period's financial year,
 * else those of the latest earlier year that has values (labelled with that year), else null.
 * Where a value appears twice for the same code, year and group, the last one wins (put an
 * inbox `comparators` file after the shipped DfE values).
 */
export function comparatorLookup(values: readonly ComparatorValue[]): ComparatorsFor {
  const byCode = new Map<string, Map<string, YearValues>>();
  for (const v of values) {
    let years = byCode.get(v.code);
    if (!years) byCode.set(v.code, (years = new Map()));
    let entry = years.get(v.year);
    if (!entry) {
      entry = {
        year: v.year,
        startYear: financialYearStartYear(v.year),
        england: null,
        region: null,
        statNeighbours: null,
      };
      years.set(v.year, entry);
    }
    if (v.group === 'ENGLAND') entry.england = v.value;
    else if (v.group === 'REGION') entry.region = v.value;
    else entry.statNeighbours = v.value;
  }
  const sorted = new Map<string, YearValues[]>();
  for (const [code, years] of byCode)
    sorted.set(
      code,
      [...years.values()].sort((a, b) => b.startYear - a.startYear),
    );

  return (code: string, period: string): Comparators | null => {
    const years = sorted.get(code);
    if (!years) return null;
    const wanted = financialYearStartYear(financialYearOf(period));
    const found = years.find((y) => y.startYear <= wanted);
    if (!found) return null;
    return {
      year: found.year,
      england: found.england,
      region: found.region,
      statNeighbours: found.statNeighbours,
      note: indicatorByCode(code)?.comparatorNote ?? null,
    };
  };
}

/** Comparators for one indicator in one period; see `comparatorLookup` for the rules. */
export function comparatorsFor(
  values: readonly ComparatorValue[],
  code: string,
  period: string,
): Comparators | null {
  return comparatorLookup(values)(code, period);
}
