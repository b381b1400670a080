import { describe, expect, it } from 'vitest';
import {
  comparePeriods,
  financialYearOf,
  financialYearStartYear,
  InvalidPeriodError,
  latestEndedQuarter,
  nextQuarter,
  parsePeriod,
  periodSlug,
  previousQuarter,
  quarterEnd,
  quarterOf,
  quartersBetween,
  quarterStart,
  rolling12,
} from './periods';

describe('parsePeriod', () => {
  it('accepts the canonical form and the slug, any case, trimmed', () => {
    expect(parsePeriod('2024-25 Q3')).toBe('2024-25 Q3');
    expect(parsePeriod('2024-25-Q3')).toBe('2024-25 Q3');
    expect(parsePeriod('  2024-25-q3 ')).toBe('2024-25 Q3');
    expect(parsePeriod('1999-00 Q1')).toBe('1999-00 Q1');
  });

  it('rejects years that are not consecutive', () => {
    expect(() => parsePeriod('2024-26 Q1')).toThrow(InvalidPeriodError);
    expect(() => parsePeriod('2024-26 Q1')).toThrow(
      '"2024-26 Q1" is not a valid period: the financial year must span two consecutive years (2024-25).',
    );
  });

  it('rejects quarters other than Q1-Q4', () => {
    expect(() => parsePeriod('2024-25 Q5')).toThrow('there is no quarter Q5 (Q1 to Q4)');
    expect(() => parsePeriod('2024-25 Q0')).toThrow(InvalidPeriodError);
  });

  it('rejects other spellings with an example of the right one', () => {
    for (const bad of ['2024 Q3', '2024/25 Q3', 'Q3 2024-25', '2024-2025 Q3', '', '2024-25Q3']) {
      expect(() => parsePeriod(bad)).toThrow(/expected a financial-year quarter such as "2024-25 Q3"/);
    }
  });

  it('makes slugs', () => {
    expect(periodSlug('2024-25 Q3')).toBe('2024-25-Q3');
  });
});

describe('quarter edges', () => {
  it('puts 31 March in Q4 of the year before and 1 April in Q1', () => {
    expect(quarterOf('2025-03-31')).toBe('2024-25 Q4');
    expect(quarterOf('2025-04-01')).toBe('2025-26 Q1');
    expect(quarterOf('2024-06-30')).toBe('2024-25 Q1');
    expect(quarterOf('2024-07-01')).toBe('2024-25 Q2');
    expect(quarterOf('2024-09-30')).toBe('2024-25 Q2');
    expect(quarterOf('2024-10-01')).toBe('2024-25 Q3');
    expect(quarterOf('2024-12-31')).toBe('2024-25 Q3');
    expect(quarterOf('2025-01-01')).toBe('2024-25 Q4');
  });

  it('gives start and end dates of each quarter', () => {
    expect([quarterStart('2024-25 Q1'), quarterEnd('2024-25 Q1')]).toEqual(['2024-04-01', '2024-06-30']);
    expect([quarterStart('2024-25 Q2'), quarterEnd('2024-25 Q2')]).toEqual(['2024-07-01', '2024-09-30']);
    expect([quarterStart('2024-25 Q3'), quarterEnd('2024-25 Q3')]).toEqual(['2024-10-01', '2024-12-31']);
    expect([quarterStart('2024-25 Q4'), quarterEnd('2024-25 Q4')]).toEqual(['2025-01-01', '2025-03-31']);
  });

  it('steps across financial years', () => {
    expect(previousQuarter('2024-25 Q1')).toBe('2023-24 Q4');
    expect(nextQuarter('2023-24 Q4')).toBe('2024-25 Q1');
    expect(nextQuarter('1999-00 Q4')).toBe('2000-01 Q1');
  });

  it('lists quarters between two periods inclusive, and none when reversed', () => {
    expect(quartersBetween('2023-24 Q3', '2024-25 Q1')).toEqual(['2023-24 Q3', '2023-24 Q4', '2024-25 Q1']);
    expect(quartersBetween('2024-25 Q1', '2024-25 Q1')).toEqual(['2024-25 Q1']);
    expect(quartersBetween('2024-25 Q2', '2024-25 Q1')).toEqual([]);
  });

  it('gives the rolling 12 months as the 4 quarters ending with the period, oldest first', () => {
    expect(rolling12('2024-25 Q2')).toEqual(['2023-24 Q3', '2023-24 Q4', '2024-25 Q1', '2024-25 Q2']);
  });

  it('gives the financial year of a period or a date', () => {
    expect(financialYearOf('2024-25 Q4')).toBe('2024-25');
    expect(financialYearOf('2025-03-31')).toBe('2024-25');
    expect(financialYearOf('2025-04-01')).toBe('2025-26');
    expect(financialYearStartYear('2024-25')).toBe(2024);
    expect(() => financialYearStartYear('2024-26')).toThrow(InvalidPeriodError);
  });

  it('finds the latest quarter that ended before a date', () => {
    expect(latestEndedQuarter('2024-07-01')).toBe('2024-25 Q1');
    expect(latestEndedQuarter('2024-06-30')).toBe('2023-24 Q4');
    expect(latestEndedQuarter('2025-04-01')).toBe('2024-25 Q4');
  });

  it('orders periods', () => {
    expect(comparePeriods('2023-24 Q4', '2024-25 Q1')).toBeLessThan(0);
    expect(comparePeriods('2024-25-Q1', '2024-25 Q1')).toBe(0);
    expect(comparePeriods('2024-25 Q1', '2023-24 Q4')).toBeGreaterThan(0);
  });
});
