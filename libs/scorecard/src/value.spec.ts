import { describe, expect, it } from 'vitest';
import { rational } from './rational';
import { computeValue, exactValue } from './value';

describe('computeValue', () => {
  it('gives a count as its numerator', () => {
    expect(computeValue('count', 2043, null)).toBe(2043);
    expect(computeValue('count', 0, null)).toBe(0);
  });

  it('gives a percentage as 100 × numerator / denominator', () => {
    expect(computeValue('percent', 409, 2000)).toBe(20.45);
    expect(computeValue('percent', 1969, 2043)).toBeCloseTo(96.37787567302986, 12);
    expect(computeValue('percent', 0, 33)).toBe(0);
  });

  it('gives a rate per 10,000 of the population and per 100,000 for youth justice', () => {
    expect(computeValue('rate10k', 1625, 15200)).toBeCloseTo(1069.078947368421, 10);
    expect(computeValue('rate100k', 15, 10000)).toBe(150);
  });

  it('has no value without a numerator, or with a zero or missing denominator', () => {
    expect(computeValue('count', null, null)).toBeNull();
    expect(computeValue('percent', 0, 0)).toBeNull();
    expect(computeValue('percent', 3, null)).toBeNull();
    expect(computeValue('rate10k', 3, 0)).toBeNull();
  });
});

describe('exactValue', () => {
  it('keeps the value as an exact fraction', () => {
    expect(exactValue('percent', 409, 2000)).toEqual(rational(409n, 20n));
    expect(exactValue('rate10k', 1, 3)).toEqual(rational(10000n, 3n));
    expect(exactValue('count', 7, null)).toEqual(rational(7n));
  });
});
