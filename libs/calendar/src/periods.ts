/**
 * Financial-year quarters, keyed `2024-25 Q3`: Q1 April-June, Q2 July-September,
 * Q3 October-December (all of the first year), Q4 January-March of the second year.
 */
import { formatIsoDate, parseIsoDate } from './dates';

export class InvalidPeriodError extends Error {
  constructor(value: string, reason: string) {
    super(`"${value}" is not a valid period: ${reason}.`);
    this.name = 'InvalidPeriodError';
  }
}

const EXAMPLE = 'expected a financial-year quarter such as "2024-25 Q3" or "2024-25-Q3"';
const PERIOD = /^(\d{4})-(\d{2})(?:\s+|-)Q(\d)$/i;
const FINANCIAL_YEAR = /^(\d{4})-(\d{2})$/;

interface Quarter {
  /** Calendar year the financial year starts in (2024 for 2024-25). */
  startYear: number;
  /** 1-4. */
  quarter: number;
}

function twoDigits(n: number): string {
  return String(n % 100).padStart(2, '0');
}

function splitPeriod(text: string): Quarter {
  const trimmed = text.trim();
  const match = PERIOD.exec(trimmed);
  if (!match) throw new InvalidPeriodError(text, EXAMPLE);
  const startYear = Number(match[1]);
  const endYear = Number(match[2]);
  const quarter = Number(match[3]);
  if ((startYear + 1) % 100 !== endYear) {
    throw new InvalidPeriodError(
      text,
      `the financial year must span two consecutive years (${match[1]}-${twoDigits(startYear + 1)})`,
    );
  }
  if (quarter < 1 || quarter > 4)
    throw new InvalidPeriodError(text, `there is no quarter Q${match[3]} (Q1 to Q4)`);
  return { startYear, quarter };
}

function formatQuarter(q: Quarter): string {
  return `${q.startYear}-${twoDigits(q.startYear + 1)} Q${q.quarter}`;
}

function ordinal(q: Quarter): number {
  return q.startYear * 4 + (q.quarter - 1);
}

function fromOrdinal(n: number): Quarter {
  const startYear = Math.floor(n / 4);
  return { startYear, quarter: n - startYear * 4 + 1 };
}

/** Canonical `2024-25 Q3` from `2024-25 Q3` or the slug `2024-25-Q3` (any case, trimmed). */
export function parsePeriod(text: string): string {
  return formatQuarter(splitPeriod(text));
}

export function isPeriod(text: string): boolean {
  try {
    splitPeriod(text);
    return true;
  } catch {
    return false;
  }
}

/** `2024-25-Q3`, for URLs and file names. */
export function periodSlug(period: string): string {
  return parsePeriod(period).replace(' ', '-');
}

/** The quarter a date belongs to. */
export function quarterOf(date: string): string {
  const { year, month } = parseIsoDate(date);
  if (month >= 4) return formatQuarter({ startYear: year, quarter: Math.floor((month - 4) / 3) + 1 });
  return formatQuarter({ startYear: year - 1, quarter: 4 });
}

function firstMonth(q: Quarter): { year: number; month: number } {
  return q.quarter === 4
    ? { year: q.startYear + 1, month: 1 }
    : { year: q.startYear, month: 4 + (q.quarter - 1) * 3 };
}

/** First day of the quarter, `2024-10-01` for `2024-25 Q3`. */
export function quarterStart(period: string): string {
  const { year, month } = firstMonth(splitPeriod(period));
  return formatIsoDate({ year, month, day: 1 });
}

/** Last day of the quarter, `2024-12-31` for `2024-25 Q3`. */
export function quarterEnd(period: string): string {
  const { year, month } = firstMonth(splitPeriod(period));
  const lastMonth = month + 2;
  const day = lastMonth === 6 || lastMonth === 9 ? 30 : 31;
  return formatIsoDate({ year, month: lastMonth, day });
}

export function previousQuarter(period: string): string {
  return formatQuarter(fromOrdinal(ordinal(splitPeriod(period)) - 1));
}

export function nextQuarter(period: string): string {
  return formatQuarter(fromOrdinal(ordinal(splitPeriod(period)) + 1));
}

/** Negative when `a` is earlier than `b`, 0 when equal, positive when later. */
export function comparePeriods(a: string, b: string): number {
  return ordinal(splitPeriod(a)) - ordinal(splitPeriod(b));
}

/** Every quarter from `first` to `last`, both included, oldest first; empty when `last` is earlier. */
export function quartersBetween(first: string, last: string): string[] {
  const from = ordinal(splitPeriod(first));
  const to = ordinal(splitPeriod(last));
  const out: string[] = [];
  for (let n = from; n <= to; n++) out.push(formatQuarter(fromOrdinal(n)));
  return out;
}

/** `2024-25` for a period (`2024-25 Q3`) or a date (`2024-11-05`). */
export function financialYearOf(periodOrDate: string): string {
  const startYear = PERIOD.test(periodOrDate.trim())
    ? splitPeriod(periodOrDate).startYear
    : splitPeriod(quarterOf(periodOrDate)).startYear;
  return `${startYear}-${twoDigits(startYear + 1)}`;
}

/** Validates a financial year `2024-25` and returns the year it starts in (2024). */
export function financialYearStartYear(financialYear: string): number {
  const match = FINANCIAL_YEAR.exec(financialYear.trim());
  if (!match || (Number(match[1]) + 1) % 100 !== Number(match[2])) {
    throw new InvalidPeriodError(financialYear, 'expected a financial year such as "2024-25"');
  }
  return Number(match[1]);
}

/** The 4 quarters of the rolling 12 months ending with `period`, oldest first. */
export function rolling12(period: string): string[] {
  const end = ordinal(splitPeriod(period));
  return [end - 3, end - 2, end - 1, end].map((n) => formatQuarter(fromOrdinal(n)));
}

/** The latest quarter whose last day is before `onDate`. */
export function latestEndedQuarter(onDate: string): string {
  // The quarter containing onDate ends on or after it, so the one before it is the latest ended.
  return previousQuarter(quarterOf(onDate));
}
