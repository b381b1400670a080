import { englandAndWalesBankHolidays } from '@oscp/calendar';

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (calendar arithmetic, no time zone). */
export function dayNumberOf(isoDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`"${isoDate}" is not a date in the form YYYY-MM-DD.`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new Error(`"${isoDate}" is not a real calendar date.`);
  }
  return time / MS_PER_DAY;
}

export function isoOfDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Every day of a range with its formats and working-day index precomputed, so that generating
 * millions of rows does no date parsing. `wd(a, b) = idx(b) - idx(a)` as in the indicator rules.
 */
export class DayTable {
  private readonly iso: string[] = [];
  private readonly dmy: string[] = [];
  private readonly year: Int16Array;
  private readonly month: Int8Array;
  private readonly dayOfMonth: Int8Array;
  private readonly weekday: Int8Array;
  private readonly working: Uint8Array;
  /** Working days up to and including each day. */
  private readonly workingIndex: Int32Array;
  /** Day numbers of the working days, in order: `workingDays[k]` has index k + 1. */
  private readonly workingDays: number[] = [];

  constructor(
    readonly first: number,
    readonly last: number,
    extraHolidays: Iterable<string> = [],
  ) {
    const length = last - first + 1;
    this.year = new Int16Array(length);
    this.month = new Int8Array(length);
    this.dayOfMonth = new Int8Array(length);
    this.weekday = new Int8Array(length);
    this.working = new Uint8Array(length);
    this.workingIndex = new Int32Array(length);
    const holidays = new Set([...englandAndWalesBankHolidays(), ...extraHolidays]);
    let index = 0;
    for (let i = 0; i < length; i += 1) {
      const date = new Date((first + i) * MS_PER_DAY);
      const iso = date.toISOString().slice(0, 10);
      this.iso.push(iso);
      this.dmy.push(`${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`);
      this.year[i] = date.getUTCFullYear();
      this.month[i] = date.getUTCMonth() + 1;
      this.dayOfMonth[i] = date.getUTCDate();
      const weekday = date.getUTCDay();
      this.weekday[i] = weekday;
      const isWorking = weekday !== 0 && weekday !== 6 && !holidays.has(iso);
      this.working[i] = isWorking ? 1 : 0;
      if (isWorking) {
        index += 1;
        this.workingDays.push(first + i);
      }
      this.workingIndex[i] = index;
    }
  }

  private offset(day: number): number {
    const i = day - this.first;
    if (i < 0 || day > this.last)
      throw new RangeError(`Day ${isoOfDayNumber(day)} is outside the demo calendar.`);
    return i;
  }

  isoDate(day: number): string {
    return this.iso[this.offset(day)] ?? '';
  }

  dmyDate(day: number): string {
    return this.dmy[this.offset(day)] ?? '';
  }

  yearOf(day: number): number {
    return this.year[this.offset(day)] ?? 0;
  }

  monthOf(day: number): number {
    return this.month[this.offset(day)] ?? 0;
  }

  dayOfMonthOf(day: number): number {
    return this.dayOfMonth[this.offset(day)] ?? 0;
  }

  /** 0 = Sunday … 6 = Saturday. */
  weekdayOf(day: number): number {
    return this.weekday[this.offset(day)] ?? 0;
  }

  isWorkingDay(day: number): boolean {
    return this.working[this.offset(day)] === 1;
  }

  /** The working day `b` with `wd(day, b) = n` (n >= 1); n = 0 gives `day` itself. */
  addWorkingDays(day: number, n: number): number {
    if (n <= 0) return day;
    const target = this.workingDays[(this.workingIndex[this.offset(day)] ?? 0) + n - 1];
    if (target === undefined) throw new RangeError('Working-day arithmetic ran past the demo calendar.');
    return target;
  }

  /** The working day `b` with `wd(b, day) = n` (n >= 0). */
  subtractWorkingDays(day: number, n: number): number {
    const target = this.workingDays[(this.workingIndex[this.offset(day)] ?? 0) - n - 1];
    if (target === undefined) throw new RangeError('Working-day arithmetic ran before the demo calendar.');
    return target;
  }

  nextWorkingDayOnOrAfter(day: number): number {
    let d = day;
    while (!this.isWorkingDay(d)) d += 1;
    return d;
  }

  previousWorkingDayOnOrBefore(day: number): number {
    let d = day;
    while (!this.isWorkingDay(d)) d -= 1;
    return d;
  }

  /** `day + months` calendar months, the day number clamped to the month's end. */
  addMonths(day: number, months: number): number {
    const i = this.offset(day);
    const total = (this.year[i] ?? 0) * 12 + (this.month[i] ?? 1) - 1 + months;
    const year = Math.floor(total / 12);
    const month = total - year * 12;
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    return Date.UTC(year, month, Math.min(this.dayOfMonth[i] ?? 1, lastDay)) / MS_PER_DAY;
  }
}

/** Financial-year quarters counted from 2022-23 Q1 (index 0). */
export interface DemoQuarter {
  index: number;
  /** `2024-25 Q3`. */
  label: string;
  first: number;
  last: number;
}

export const DEMO_FIRST_DAY = dayNumberOf('2022-04-01');

export function demoQuarter(index: number): DemoQuarter {
  const financialYear = 2022 + Math.floor(index / 4);
  const quarter = (index % 4) + 1;
  const startMonth = quarter === 4 ? 0 : 3 + (quarter - 1) * 3;
  const startYear = quarter === 4 ? financialYear + 1 : financialYear;
  const first = Date.UTC(startYear, startMonth, 1) / MS_PER_DAY;
  const last = Date.UTC(startYear, startMonth + 3, 0) / MS_PER_DAY;
  const label = `${financialYear}-${String((financialYear + 1) % 100).padStart(2, '0')} Q${quarter}`;
  return { index, label, first, last };
}

/** The quarters from 2022-23 Q1 whose last day is before `asOfDay` (a quarter ends at midnight). */
export function quartersEndedBy(asOfDay: number): DemoQuarter[] {
  const quarters: DemoQuarter[] = [];
  for (let index = 0; ; index += 1) {
    const quarter = demoQuarter(index);
    if (quarter.last >= asOfDay) return quarters;
    quarters.push(quarter);
  }
}

/** Index of the quarter a day falls in, counted from 2022-23 Q1 (negative before it). */
export function quarterIndexOf(table: DayTable, day: number): number {
  const year = table.yearOf(day);
  const month = table.monthOf(day);
  const financialYear = month >= 4 ? year : year - 1;
  const quarter = month >= 4 ? Math.floor((month - 4) / 3) : 3;
  return (financialYear - 2022) * 4 + quarter;
}
