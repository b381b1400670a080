import Holidays from 'date-holidays';
import { isWeekend } from './dates';

/** Years the built-in list covers; the default range of `WorkingDayCalendar`. */
export const BANK_HOLIDAY_FIRST_YEAR = 2010;
export const BANK_HOLIDAY_LAST_YEAR = 2035;

let cached: readonly string[] | undefined;

/**
 * England and Wales bank holidays, `YYYY-MM-DD`, sorted, 2010-2035.
 *
 * From `date-holidays` (GB-ENG, public holidays), which has GOV.UK's list exactly for
 * 2015-2030, one-offs and substitute days included (checked date by date in the spec). It also
 * lists a holiday on its calendar date when that falls at a weekend (Boxing Day on Saturday
 * 26 Dec 2020) next to the weekday substitute; a weekend day is not a working day anyway, and
 * GOV.UK lists only the substitute, so weekend dates are left out.
 */
export function englandAndWalesBankHolidays(): readonly string[] {
  if (cached) return cached;
  const holidays = new Holidays('GB', 'ENG', { types: ['public'] });
  const dates = new Set<string>();
  for (let year = BANK_HOLIDAY_FIRST_YEAR; year <= BANK_HOLIDAY_LAST_YEAR; year++) {
    for (const holiday of holidays.getHolidays(year)) {
      if (holiday.type !== 'public') continue;
      // `date` is the local wall-clock start, `YYYY-MM-DD hh:mm:ss`.
      const date = holiday.date.slice(0, 10);
      if (!isWeekend(date)) dates.add(date);
    }
  }
  cached = Object.freeze([...dates].sort());
  return cached;
}
