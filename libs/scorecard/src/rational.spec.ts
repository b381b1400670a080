import { describe, expect, it } from 'vitest';
import { compare, fromNumber, rational } from './rational';

describe('rational numbers', () => {
  it('reads numbers as written in decimal, not as the nearest binary fraction', () => {
    expect(fromNumber(0.05)).toEqual(rational(1n, 20n));
    expect(fromNumber(92.5)).toEqual(rational(185n, 2n));
    expect(fromNumber(-3)).toEqual(rational(-3n));
    expect(fromNumber(1e-7)).toEqual(rational(1n, 10_000_000n));
    expect(fromNumber(1.5e21)).toEqual(rational(1_500_000_000_000_000_000_000n));
  });

  it('compares exactly where floats would not', () => {
    // 0.1 + 0.2 !== 0.3 in floats.
    expect(compare(rational(3n, 10n), fromNumber(0.3))).toBe(0);
    expect(compare(rational(1n, 3n), fromNumber(0.3333333333333333))).toBe(1);
  });

  it('refuses a zero denominator and non-finite numbers', () => {
    expect(() => rational(1n, 0n)).toThrow(RangeError);
    expect(() => fromNumber(Number.NaN)).toThrow(RangeError);
  });
});
