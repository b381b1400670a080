/**
 * Calendar dates as ISO `YYYY-MM-DD` strings. Arithmetic runs on whole UTC days, so no
 * time zone or daylight-saving change can move a date.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class InvalidDateError extends Error {
  constructor(value: string, reason = 'expected a date written YYYY-MM-DD, e.g. 2024-04-01') {
    super(`"${value}" is not a valid date: ${reason}.`);
    this.name = 'InvalidDateError';
  }
}

export interface DateParts {
  year: number;
  /** 1-12. */
  month: number;
  /** 1-31. */
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1-12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Splits a `YYYY-MM-DD` date; throws `InvalidDateError` for anything else (incl. 2023-02-29). */
export function parseIsoDate(date: string): DateParts {
  const match = ISO_DATE.exec(date);
  if (!match) throw new InvalidDateError(date);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12) throw new InvalidDateError(date, `there is no month ${match[2]}`);
  if (day < 1 || day > daysInMonth(year, month)) {
    throw new InvalidDateError(date, `month ${match[2]} of ${match[1]} has no day ${match[3]}`);
  }
  return { year, month, day };
}

export function formatIsoDate(parts: DateParts): string {
  const y = String(parts.year).padStart(4, '0');
  const m = String(parts.month).padStart(2, '0');
  const d = String(parts.day).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Days since 1970-01-01 (negative before). */
export function toDayNumber(date: string): number {
  const { year, month, day } = parseIsoDate(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: string): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

/**
 * Calendar-month arithmetic: the same day number `n` months later (or earlier when negative),
 * clamped to the end of a shorter month: 30 Nov 2023 + 3 = 29 Feb 2024; 29 Feb 2024 - 12 = 28 Feb 2023.
 */
export function addMonths(date: string, months: number): string {
  if (!Number.isInteger(months))
    throw new RangeError(`addMonths needs a whole number of months, not ${months}.`);
  const { year, month, day } = parseIsoDate(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return formatIsoDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}
