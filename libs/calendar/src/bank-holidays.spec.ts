import { describe, expect, it } from 'vitest';
import { englandAndWalesBankHolidayList, englandAndWalesBankHolidays } from './bank-holidays';
import { dayOfWeek } from './dates';

// GOV.UK's England and Wales list, written out by hand (not derived from the library).
const EXPECTED: Record<number, string[]> = {
  // Royal wedding 29 April 2011.
  2011: ['01-03', '04-22', '04-25', '04-29', '05-02', '05-30', '08-29', '12-26', '12-27'],
  // Diamond Jubilee: spring bank holiday moved to 4 June, extra 5 June.
  2012: ['01-02', '04-06', '04-09', '05-07', '06-04', '06-05', '08-27', '12-25', '12-26'],
  2015: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2016: ['01-01', '03-25', '03-28', '05-02', '05-30', '08-29', '12-26', '12-27'],
  2017: ['01-02', '04-14', '04-17', '05-01', '05-29', '08-28', '12-25', '12-26'],
  2018: ['01-01', '03-30', '04-02', '05-07', '05-28', '08-27', '12-25', '12-26'],
  2019: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
  // VE Day: the early May bank holiday moved to Friday 8 May; no holiday on Monday 4 May.
  2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
  2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
  // Platinum Jubilee (spring bank holiday moved to 2 June, extra 3 June); state funeral 19 Sep.
  2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
  // Coronation 8 May.
  2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
  2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2028: ['01-03', '04-14', '04-17', '05-01', '05-29', '08-28', '12-25', '12-26'],
  2029: ['01-01', '03-30', '04-02', '05-07', '05-28', '08-27', '12-25', '12-26'],
  2030: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
};

describe('englandAndWalesBankHolidays', () => {
  const all = englandAndWalesBankHolidays();

  for (const [year, days] of Object.entries(EXPECTED)) {
    it(`matches GOV.UK's list for ${year}`, () => {
      expect(all.filter((d) => d.startsWith(`${year}-`))).toEqual(days.map((d) => `${year}-${d}`));
    });
  }

  it('has no weekend dates (a weekend holiday is replaced by its substitute weekday)', () => {
    expect(all.filter((d) => dayOfWeek(d) === 0 || dayOfWeek(d) === 6)).toEqual([]);
  });

  it('includes the substitute days around weekend Christmases', () => {
    expect(all).toEqual(
      expect.arrayContaining([
        '2015-12-28',
        '2020-12-28',
        '2021-12-27',
        '2021-12-28',
        '2022-12-26',
        '2022-12-27',
        '2027-12-27',
        '2027-12-28',
      ]),
    );
  });

  it('does not have 4 May 2020, when the early May holiday moved to VE Day', () => {
    expect(all).not.toContain('2020-05-04');
    expect(all).not.toContain('2022-05-30');
  });

  it('names each holiday', () => {
    const titles = new Map(englandAndWalesBankHolidayList().map((h) => [h.date, h.title]));
    expect(titles.get('2023-05-08')).toBe("King Charles III's Coronation");
    expect(titles.get('2021-12-28')).toBe('Boxing Day (substitute day)');
    expect(englandAndWalesBankHolidayList().map((h) => h.date)).toEqual(all);
  });

  it('is sorted and covers 2010 to 2035', () => {
    expect([...all].sort()).toEqual(all);
    expect(all[0].startsWith('2010-')).toBe(true);
    expect(all[all.length - 1].startsWith('2035-')).toBe(true);
  });
});
