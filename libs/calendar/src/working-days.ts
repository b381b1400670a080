import { englandAndWalesBankHolidays } from './bank-holidays';
import { fromDayNumber, isWeekend, parseIsoDate, toDayNumber } from './dates';

export interface DateRange {
  from: string;
  to: string;
}

export const DEFAULT_CALENDAR_RANGE: DateRange = { from: '2010-01-01', to: '2035-12-31' };

/**
 * Working days (Monday-Friday that are not England and Wales bank holidays, nor any extra
 * holiday given) over a fixed range, precomputed so that every lookup is O(1).
 *
 * `wd(a, b)` is the number of working days `d` with `a < d <= b` (the start day is day 0), and
 * `-wd(b, a)` when `b < a`; equivalently `idx(b) - idx(a)`.
 */
export class WorkingDayCalendar {
  readonly range: DateRange;
  private readonly firstDay: number;
  private readonly offsets = new Map<string, number>();
  /** Working days up to and including the day at each offset. */
  private readonly cumulative: Int32Array;
  private readonly working: Uint8Array;
  /** Offset of the k-th working day (k from 1) at index k - 1. */
  private readonly workingOffsets: Int32Array;
  private readonly dates: string[] = [];

  constructor(extraHolidays: Iterable<string> = [], range: DateRange = DEFAULT_CALENDAR_RANGE) {
    parseIsoDate(range.from);
    parseIsoDate(range.to);
    if (range.to < range.from)
      throw new RangeError(`Calendar range ends (${range.to}) before it starts (${range.from}).`);
    this.range = { from: range.from, to: range.to };
    this.firstDay = toDayNumber(range.from);
    const length = toDayNumber(range.to) - this.firstDay + 1;

    const holidays = new Set<string>(englandAndWalesBankHolidays());
    for (const extra of extraHolidays) {
      parseIsoDate(extra);
      holidays.add(extra);
    }

    this.cumulative = new Int32Array(length);
    this.working = new Uint8Array(length);
    const workingOffsets: number[] = [];
    let count = 0;
    for (let i = 0; i < length; i++) {
      const date = fromDayNumber(this.firstDay + i);
      this.dates.push(date);
      this.offsets.set(date, i);
      if (!isWeekend(date) && !holidays.has(date)) {
        this.working[i] = 1;
        count++;
        workingOffsets.push(i);
      }
      this.cumulative[i] = count;
    }
    this.workingOffsets = Int32Array.from(workingOffsets);
  }

  private offsetOf(date: string): number {
    const offset = this.offsets.get(date);
    if (offset === undefined) {
      parseIsoDate(date);
      throw new RangeError(
        `The date ${date} is outside the working-day calendar (${this.range.from} to ${this.range.to}).`,
      );
    }
    return offset;
  }

  isWorkingDay(date: string): boolean {
    return this.working[this.offsetOf(date)] === 1;
  }

  /** Working days from the start of the range up to and including `date`. */
  idx(date: string): number {
    return this.cumulative[this.offsetOf(date)];
  }

  /** Working days `d` with `a < d <= b`; negative when `b` is before `a`. */
  wd(a: string, b: string): number {
    return this.cumulative[this.offsetOf(b)] - this.cumulative[this.offsetOf(a)];
  }

  /**
   * The working day `n` working days after `date` (before it when `n` is negative), i.e. the
   * working day `e` with `wd(date, e) = n`; `date` itself when `n` is 0.
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays needs a whole number of days, not ${n}.`);
    const start = this.offsetOf(date);
    if (n === 0) return date;
    const target = this.cumulative[start] + n;
    // Working day number k (from 1) sits at workingOffsets[k - 1].
    const offset = target >= 1 ? this.workingOffsets[target - 1] : undefined;
    if (offset === undefined) {
      throw new RangeError(
        `${date} plus ${n} working days is outside the working-day calendar (${this.range.from} to ${this.range.to}).`,
      );
    }
    return this.dates[offset];
  }
}
