import bankHolidayFile from './bank-holidays-england-and-wales.json';

/*
 * A checked data file rather than the `date-holidays` package: date-holidays 3.37 has GOV.UK's
 * list exactly for 2015-2030, but not for 2011 (no 29 April royal wedding) nor 2012 (spring
 * bank holiday on 28 May instead of 4 June), which the default calendar range covers. The file
 * was made from date-holidays with those two years corrected, weekend dates removed (GOV.UK
 * lists only the weekday substitute), and is checked in the spec against GOV.UK's list.
 */

export interface BankHoliday {
  /** `YYYY-MM-DD`. */
  date: string;
  title: string;
}

/** Years the built-in list covers; the default range of `WorkingDayCalendar`. */
export const BANK_HOLIDAY_FIRST_YEAR: number = bankHolidayFile.firstYear;
export const BANK_HOLIDAY_LAST_YEAR: number = bankHolidayFile.lastYear;

const holidays: readonly BankHoliday[] = Object.freeze(
  bankHolidayFile.holidays.map((h) => Object.freeze({ date: h.date, title: h.title })),
);
const dates: readonly string[] = Object.freeze(holidays.map((h) => h.date));

/** England and Wales bank holidays 2010-2035, `YYYY-MM-DD`, sorted, weekdays only. */
export function englandAndWalesBankHolidays(): readonly string[] {
  return dates;
}

/** The same list with GOV.UK's titles ("Boxing Day (substitute day)"). */
export function englandAndWalesBankHolidayList(): readonly BankHoliday[] {
  return holidays;
}
