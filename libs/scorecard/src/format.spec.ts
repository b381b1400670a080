import { describe, expect, it } from 'vitest';
import { formatDisplay, formatInteger, formatOneDecimal, roundHalfAwayFromZero1dp } from './format';
import { rational } from './rational';

describe('formatDisplay', () => {
  it('rounds 409/2000 = 20.45% up to 20.5, on the exact value (toFixed gives 20.4)', () => {
    expect((20.45).toFixed(1)).toBe('20.4');
    expect(formatDisplay('percent', 409, 2000)).toBe('20.5');
  });

  it('rounds below the half down and above it up', () => {
    // 100 × 2044 / 10000 = 20.44; 100 × 2046 / 10000 = 20.46.
    expect(formatDisplay('percent', 2044, 10000)).toBe('20.4');
    expect(formatDisplay('percent', 2046, 10000)).toBe('20.5');
    // 1/3 = 33.333…%.
    expect(formatDisplay('percent', 1, 3)).toBe('33.3');
    expect(formatDisplay('percent', 2, 3)).toBe('66.7');
  });

  it('always shows one decimal place for percentages and rates', () => {
    expect(formatDisplay('percent', 69, 69)).toBe('100.0');
    expect(formatDisplay('percent', 0, 33)).toBe('0.0');
    expect(formatDisplay('rate100k', 15, 10000)).toBe('150.0');
    expect(formatDisplay('rate10k', 1625, 15200)).toBe('1069.1');
    expect(formatDisplay('percent', 1999, 2000)).toBe('100.0');
  });

  it('shows counts as whole numbers', () => {
    expect(formatDisplay('count', 2043, null)).toBe('2043');
    expect(formatDisplay('count', 0, null)).toBe('0');
  });

  it('shows [x] for no data or an awaited return, [z] for a zero denominator, [c] for suppressed', () => {
    expect(formatDisplay('percent', null, null)).toBe('[x]');
    expect(formatDisplay('percent', 0, 0)).toBe('[z]');
    expect(formatDisplay('percent', 0, 0, 'not_applicable')).toBe('[z]');
    expect(formatDisplay('count', 5, null, 'suppressed')).toBe('[c]');
    expect(formatDisplay('percent', 4, 5, 'awaited')).toBe('[x]');
    expect(formatDisplay('percent', 4, 5, 'no_data')).toBe('[x]');
    expect(formatDisplay('rate10k', 4, null)).toBe('[x]');
  });
});

describe('rounding half away from zero', () => {
  it('rounds exact halves away from zero in both directions', () => {
    expect(formatOneDecimal(rational(-409n, 20n))).toBe('-20.5');
    expect(formatOneDecimal(0.05)).toBe('0.1');
    expect(formatOneDecimal(-0.04)).toBe('0.0');
    expect(formatInteger(2.5)).toBe('3');
    expect(formatInteger(-2.5)).toBe('-3');
  });

  it('gives the rounded number too', () => {
    expect(roundHalfAwayFromZero1dp(rational(409n, 20n))).toBe(20.5);
    expect(roundHalfAwayFromZero1dp(1.25)).toBe(1.3);
  });
});
