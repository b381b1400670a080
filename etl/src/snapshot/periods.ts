import { financialYearOf, financialYearStartYear, quarterEnd, quarterStart } from '@oscp/calendar';

const PERIOD_PARTS = /^(\d{4})-\d{2} Q([1-4])$/;

/**
 * A quarter's number on one running scale (4 × the year its financial year starts in +
 * quarter - 1), so that "the 4 quarters ending with the period" is a range of integers in SQL.
 * The models compute the same number from a period's text (int_partner_returns_by_period).
 */
export function quarterIndex(period: string): number {
  const match = PERIOD_PARTS.exec(period);
  if (!match) throw new Error(`"${period}" is not a period such as "2024-25 Q3".`);
  return Number(match[1]) * 4 + Number(match[2]) - 1;
}

export interface PeriodRow {
  period: string;
  startDate: string;
  endDate: string;
  financialYear: string;
  financialYearStart: number;
  periodIndex: number;
}

export function periodRows(periods: readonly string[]): PeriodRow[] {
  return periods.map((period) => {
    const financialYear = financialYearOf(period);
    return {
      period,
      startDate: quarterStart(period),
      endDate: quarterEnd(period),
      financialYear,
      financialYearStart: financialYearStartYear(financialYear),
      periodIndex: quarterIndex(period),
    };
  });
}
