import type { IndicatorDefinition } from '@oscp/contracts';
import { describe, expect, it } from 'vitest';
import { indicatorByCode } from './catalogue';
import { directionFor } from './direction';

const def = (code: string): IndicatorDefinition => {
  const found = indicatorByCode(code);
  if (!found) throw new Error(code);
  return found;
};
const p = (numerator: number, denominator: number) => ({ numerator, denominator });
const n = (numerator: number) => ({ numerator, denominator: null });

describe('directionFor, higher is better (PT05: threshold 2 points)', () => {
  const pt05 = def('PT05');
  it('is declining when the fall equals the threshold', () =>
    expect(directionFor(pt05, p(92, 100), p(47, 50))).toBe('declining'));
  it('is no change just under the threshold', () =>
    expect(directionFor(pt05, p(1999, 2000), p(98, 100))).toBe('no_change'));
  it('is improving when it rises by the threshold or more', () =>
    expect(directionFor(pt05, p(45, 50), p(80, 100))).toBe('improving'));
  it('is no change when equal', () => expect(directionFor(pt05, p(9, 10), p(90, 100))).toBe('no_change'));
});

describe('directionFor, lower is better (PT03: threshold 10)', () => {
  const pt03 = def('PT03');
  it('is declining when the rate rises by exactly 10', () =>
    expect(directionFor(pt03, p(16, 10000), p(15, 10000))).toBe('declining'));
  it('is improving when it falls by 10 or more', () =>
    expect(directionFor(pt03, p(15, 10000), p(16, 10000))).toBe('improving'));
  it('decides the threshold exactly: 10.1 from 161.6 to 151.5…', () =>
    expect(directionFor(pt03, p(16, 9900), p(15, 9900))).toBe('declining'));
});

describe('directionFor, a range (CP05: 15-23, midpoint 19, threshold 1)', () => {
  const cp05 = def('CP05');
  it('is improving when moving toward the midpoint', () =>
    expect(directionFor(cp05, p(18, 100), p(24, 100))).toBe('improving'));
  it('is declining when moving away from it, even inside the range', () =>
    expect(directionFor(cp05, p(22, 100), p(20, 100))).toBe('declining'));
  it('is no change when the move is under the threshold', () =>
    expect(directionFor(cp05, p(195, 1000), p(20, 100))).toBe('no_change'));
  it('is no change when it jumps across to the same distance from the midpoint', () =>
    expect(directionFor(cp05, p(21, 100), p(17, 100))).toBe('no_change'));
  it('uses the midpoint of the target in force', () =>
    expect(directionFor(cp05, p(22, 100), p(20, 100), { low: 20, high: 30 })).toBe('improving'));
});

describe('directionFor, context indicators', () => {
  it('is up or down beyond an absolute threshold (FD03: 1 point)', () => {
    expect(directionFor(def('FD03'), p(476, 2103), p(424, 1970))).toBe('up');
    expect(directionFor(def('FD03'), p(409, 2000), p(476, 2103))).toBe('down');
    expect(directionFor(def('FD03'), p(480, 2125), p(422, 1942))).toBe('no_change');
  });

  it('takes "5% of previous" from the previous value (FD01)', () => {
    const fd01 = def('FD01');
    expect(directionFor(fd01, n(105), n(100))).toBe('up');
    expect(directionFor(fd01, n(95), n(100))).toBe('down');
    expect(directionFor(fd01, n(104), n(100))).toBe('no_change');
    expect(directionFor(fd01, n(2103), n(1970))).toBe('up');
  });

  it('counts any change from a previous value of 0 as up or down', () => {
    const fd01 = def('FD01');
    expect(directionFor(fd01, n(1), n(0))).toBe('up');
    expect(directionFor(fd01, n(0), n(0))).toBe('no_change');
  });
});

describe('directionFor without a direction', () => {
  it('gives none without a previous value or without a value', () => {
    expect(directionFor(def('PT01'), p(7, 7), null)).toBeNull();
    expect(directionFor(def('PT01'), p(7, 7), p(0, 0))).toBeNull();
    expect(directionFor(def('PT03'), { numerator: null, denominator: null }, p(15, 10000))).toBeNull();
  });
});
