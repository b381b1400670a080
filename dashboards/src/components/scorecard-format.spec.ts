import { describe, expect, it } from 'vitest';
import { exceptionReasonTexts, formatAge, formatNumber, formatTarget } from './scorecard-format';

describe('formatNumber', () => {
  it('shows percentages and rates to 1 decimal place with grouping', () => {
    expect(formatNumber(80.04, 'percent')).toBe('80.0');
    expect(formatNumber(1234.56, 'rate10k')).toBe('1,234.6');
  });

  it('shows counts as whole numbers', () => {
    expect(formatNumber(2043, 'count')).toBe('2,043');
  });

  it('shows [x] for a value that is not available', () => {
    expect(formatNumber(null, 'percent')).toBe('[x]');
  });
});

describe('formatTarget', () => {
  it('says which way a target points', () => {
    expect(formatTarget(95, 'higher', 'percent')).toBe('at least 95.0%');
    expect(formatTarget(20, 'lower', 'percent')).toBe('at most 20.0%');
    expect(formatTarget({ low: 15, high: 23 }, 'range', 'percent')).toBe('15.0% to 23.0%');
    expect(formatTarget(null, 'context', 'count')).toBe('No target');
  });
});

describe('formatAge', () => {
  it('says how long ago the data was loaded', () => {
    const now = new Date('2025-05-01T09:30:00Z');
    expect(formatAge('2025-05-01T06:30:00Z', now)).toBe('3 hours ago');
    expect(formatAge('2025-04-28T09:30:00Z', now)).toBe('3 days ago');
  });
});

describe('exceptionReasonTexts', () => {
  const facts = {
    display: '[x]',
    unit: 'percent',
    target: 90,
    polarity: 'higher',
    owner: 'HEALTH',
  } as const;

  it('says whose partner return is missing and how many working days overdue it is', () => {
    expect(
      exceptionReasonTexts(
        { ...facts, exceptionReasons: ['partner_return_missing'], partnerReturnWorkingDaysOverdue: 20 },
        '2026-27 Q1',
      ),
    ).toEqual(['Health return for 2026-27 Q1 not received, 20 working days overdue']);
    expect(
      exceptionReasonTexts(
        { ...facts, exceptionReasons: ['partner_return_missing'], partnerReturnWorkingDaysOverdue: 1 },
        '2026-27 Q1',
      ),
    ).toEqual(['Health return for 2026-27 Q1 not received, 1 working day overdue']);
  });

  it('still says the return is overdue when an older snapshot recorded no count', () => {
    expect(
      exceptionReasonTexts({ ...facts, exceptionReasons: ['partner_return_missing'] }, '2026-27 Q1'),
    ).toEqual(['Health return for 2026-27 Q1 not received and overdue']);
  });

  it('words red and a two-quarter decline', () => {
    expect(
      exceptionReasonTexts(
        { ...facts, display: '83.3', exceptionReasons: ['red', 'declining_two_quarters'] },
        '2026-27 Q1',
      ),
    ).toEqual(['Red: 83.3% against a target of at least 90.0%', 'Declining for 2 quarters']);
  });
});
