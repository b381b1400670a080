import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from './working-days';
import { calendarRows } from './calendar-rows';

const calendar = new WorkingDayCalendar();

describe('wd', () => {
  it('counts a Saturday contact decided on Monday as 1 working day', () => {
    expect(calendar.wd('2024-06-01', '2024-06-03')).toBe(1);
  });

  it('counts a Friday contact decided on Monday as 1 working day', () => {
    expect(calendar.wd('2024-05-31', '2024-06-03')).toBe(1);
  });

  it('counts the same day as 0 working days', () => {
    expect(calendar.wd('2024-06-03', '2024-06-03')).toBe(0);
  });

  it('counts Fri 5 May 2023 to Tue 9 May 2023 as 1 (the coronation Monday is a holiday)', () => {
    expect(calendar.wd('2023-05-05', '2023-05-09')).toBe(1);
  });

  it('skips the one-off holidays of 2022 and 2020', () => {
    // Jubilee Thursday and Friday.
    expect(calendar.wd('2022-06-01', '2022-06-06')).toBe(1);
    // State funeral Monday.
    expect(calendar.wd('2022-09-16', '2022-09-20')).toBe(1);
    // VE Day Friday 8 May 2020; Monday 4 May 2020 was a working day.
    expect(calendar.wd('2020-05-07', '2020-05-11')).toBe(1);
    expect(calendar.isWorkingDay('2020-05-04')).toBe(true);
  });

  it('skips Christmas substitute days', () => {
    // Fri 24 Dec 2021 to Wed 29 Dec 2021: 27 and 28 are holidays.
    expect(calendar.wd('2021-12-24', '2021-12-29')).toBe(1);
  });

  it('finds exactly 15 and 16 working days (the ICPC boundary)', () => {
    // Mon 2 Sep 2024 + 3 weeks = Mon 23 Sep 2024: 15 working days; Tue 24 Sep: 16.
    expect(calendar.wd('2024-09-02', '2024-09-23')).toBe(15);
    expect(calendar.wd('2024-09-02', '2024-09-24')).toBe(16);
    // Across Easter 2024 (Good Friday 29 Mar, Easter Monday 1 Apr).
    expect(calendar.wd('2024-03-18', '2024-04-10')).toBe(15);
    expect(calendar.wd('2024-03-18', '2024-04-11')).toBe(16);
  });

  it('is negative when the end is before the start', () => {
    expect(calendar.wd('2023-05-09', '2023-05-05')).toBe(-1);
    expect(calendar.wd('2024-09-24', '2024-09-02')).toBe(-16);
  });

  it('equals idx(b) - idx(a)', () => {
    expect(calendar.wd('2024-01-01', '2024-12-31')).toBe(
      calendar.idx('2024-12-31') - calendar.idx('2024-01-01'),
    );
    // 2024: 262 weekdays, 8 bank holidays.
    expect(calendar.wd('2023-12-31', '2024-12-31')).toBe(254);
  });

  it('adds extra holidays from a bank_holidays file', () => {
    const withClosure = new WorkingDayCalendar(['2024-12-24']);
    expect(calendar.wd('2024-12-23', '2024-12-27')).toBe(2);
    expect(withClosure.wd('2024-12-23', '2024-12-27')).toBe(1);
    expect(withClosure.isWorkingDay('2024-12-24')).toBe(false);
  });

  it('refuses dates outside its range, naming the date and the range', () => {
    const small = new WorkingDayCalendar([], { from: '2024-01-01', to: '2024-12-31' });
    expect(() => small.idx('2025-01-01')).toThrow(
      'The date 2025-01-01 is outside the working-day calendar (2024-01-01 to 2024-12-31).',
    );
    expect(() => small.idx('2024-02-30')).toThrow('is not a valid date');
  });
});

describe('addWorkingDays', () => {
  it('gives the due date 20 working days after a quarter end', () => {
    // 2024-25 Q3 ends Tue 31 Dec 2024; 1 Jan is a holiday.
    const due = calendar.addWorkingDays('2024-12-31', 20);
    expect(due).toBe('2025-01-29');
    expect(calendar.wd('2024-12-31', due)).toBe(20);
  });

  it('moves from a weekend to the following and preceding working days', () => {
    expect(calendar.addWorkingDays('2024-06-01', 1)).toBe('2024-06-03');
    expect(calendar.addWorkingDays('2024-06-01', -1)).toBe('2024-05-30');
    expect(calendar.addWorkingDays('2023-05-05', 1)).toBe('2023-05-09');
    expect(calendar.addWorkingDays('2023-05-09', -1)).toBe('2023-05-05');
    expect(calendar.addWorkingDays('2024-06-01', 0)).toBe('2024-06-01');
  });

  it('refuses to leave its range', () => {
    expect(() => calendar.addWorkingDays('2035-12-31', 1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2010-01-01', -1)).toThrow(RangeError);
  });
});

describe('performance', () => {
  it('answers a million wd lookups quickly', () => {
    const dates = ['2022-03-01', '2023-05-05', '2023-05-09', '2024-12-31', '2021-01-15'];
    const started = performance.now();
    let total = 0;
    for (let i = 0; i < 1_000_000; i++) total += calendar.wd(dates[i % 5], dates[(i + 2) % 5]);
    expect(Number.isFinite(total)).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('calendarRows', () => {
  it('gives one row per date with a running working-day index, quarter and financial year', () => {
    const rows = calendarRows('2023-05-05', '2023-05-09', []);
    expect(rows).toEqual([
      {
        date: '2023-05-05',
        isWorkingDay: true,
        workingDayIndex: 1,
        quarter: '2023-24 Q1',
        financialYear: '2023-24',
      },
      {
        date: '2023-05-06',
        isWorkingDay: false,
        workingDayIndex: 1,
        quarter: '2023-24 Q1',
        financialYear: '2023-24',
      },
      {
        date: '2023-05-07',
        isWorkingDay: false,
        workingDayIndex: 1,
        quarter: '2023-24 Q1',
        financialYear: '2023-24',
      },
      {
        date: '2023-05-08',
        isWorkingDay: false,
        workingDayIndex: 1,
        quarter: '2023-24 Q1',
        financialYear: '2023-24',
      },
      {
        date: '2023-05-09',
        isWorkingDay: true,
        workingDayIndex: 2,
        quarter: '2023-24 Q1',
        financialYear: '2023-24',
      },
    ]);
  });

  it('agrees with WorkingDayCalendar.wd over a long range, extra holidays included', () => {
    const rows = calendarRows('2015-01-01', '2030-12-31', ['2024-12-24']);
    const byDate = new Map(rows.map((r) => [r.date, r.workingDayIndex]));
    const withClosure = new WorkingDayCalendar(['2024-12-24']);
    const pairs: [string, string][] = [
      ['2015-12-24', '2016-01-04'],
      ['2024-12-20', '2025-01-03'],
      ['2030-01-01', '2015-06-30'],
    ];
    for (const [a, b] of pairs) {
      expect((byDate.get(b) ?? NaN) - (byDate.get(a) ?? NaN)).toBe(withClosure.wd(a, b));
    }
    expect(rows[0].quarter).toBe('2014-15 Q4');
    expect(rows).toHaveLength(5844);
  });
});
