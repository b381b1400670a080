import { financialYearOf, quarterOf } from './periods';
import { WorkingDayCalendar } from './working-days';
import { addDays } from './dates';

/** One row of the warehouse's calendar table: `wd(a, b) = idx(b) - idx(a)` in SQL. */
export interface CalendarRow {
  date: string;
  isWorkingDay: boolean;
  /** Working days from `from` up to and including `date`. */
  workingDayIndex: number;
  /** `2024-25 Q3`. */
  quarter: string;
  /** `2024-25`. */
  financialYear: string;
}

export function calendarRows(from: string, to: string, extraHolidays: Iterable<string> = []): CalendarRow[] {
  const calendar = new WorkingDayCalendar(extraHolidays, { from, to });
  const rows: CalendarRow[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    rows.push({
      date,
      isWorkingDay: calendar.isWorkingDay(date),
      workingDayIndex: calendar.idx(date),
      quarter: quarterOf(date),
      financialYear: financialYearOf(date),
    });
  }
  return rows;
}
