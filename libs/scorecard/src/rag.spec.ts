import type { IndicatorDefinition } from '@oscp/contracts';
import { describe, expect, it } from 'vitest';
import { indicatorByCode } from './catalogue';
import { ragFor } from './rag';

const def = (code: string): IndicatorDefinition => {
  const found = indicatorByCode(code);
  if (!found) throw new Error(code);
  return found;
};
const percent = (numerator: number, denominator: number) => ({ numerator, denominator, status: 'ok' });

describe('ragFor, higher is better (FD02: target 95, tolerance 5)', () => {
  const fd02 = def('FD02');
  it('is green exactly on target', () => expect(ragFor(fd02, 95, 5, percent(95, 100))).toBe('green'));
  it('is amber just below target', () => expect(ragFor(fd02, 95, 5, percent(1899, 2000))).toBe('amber'));
  it('is amber exactly on target - tolerance', () =>
    expect(ragFor(fd02, 95, 5, percent(90, 100))).toBe('amber'));
  it('is red below target - tolerance', () => expect(ragFor(fd02, 95, 5, percent(1799, 2000))).toBe('red'));
});

describe('ragFor, lower is better (PT03: target 150, tolerance 20)', () => {
  const pt03 = def('PT03');
  it('is green exactly on target', () =>
    expect(ragFor(pt03, 150, 20, { numerator: 15, denominator: 10000 })).toBe('green'));
  it('is amber exactly on target + tolerance', () =>
    expect(ragFor(pt03, 150, 20, { numerator: 17, denominator: 10000 })).toBe('amber'));
  it('is red above target + tolerance', () =>
    expect(ragFor(pt03, 150, 20, { numerator: 171, denominator: 100000 })).toBe('red'));
});

describe('ragFor, a range (CP05: 15-23, tolerance 3)', () => {
  const cp05 = def('CP05');
  const range = { low: 15, high: 23 };
  it('is green on both edges and inside', () => {
    expect(ragFor(cp05, range, 3, percent(15, 100))).toBe('green');
    expect(ragFor(cp05, range, 3, percent(23, 100))).toBe('green');
    expect(ragFor(cp05, range, 3, percent(19, 100))).toBe('green');
  });
  it('is amber within the tolerance outside, edges included', () => {
    expect(ragFor(cp05, range, 3, percent(12, 100))).toBe('amber');
    expect(ragFor(cp05, range, 3, percent(26, 100))).toBe('amber');
    expect(ragFor(cp05, range, 3, percent(5, 38))).toBe('amber');
  });
  it('is red further out', () => {
    expect(ragFor(cp05, range, 3, percent(1, 33))).toBe('red');
    expect(ragFor(cp05, range, 3, percent(2601, 10000))).toBe('red');
  });
});

describe('ragFor boundaries that floats get wrong', () => {
  it('decides 100 × 19/20 against 95 exactly (integers, not 94.99999…)', () => {
    // 0.95 * 100 = 95.00000000000001 in floats; the exact value is 95.
    expect(ragFor(def('FD02'), 95, 5, percent(19, 20))).toBe('green');
  });

  it('decides a target set with decimals exactly', () => {
    // 100 × 7/10 = 70 against an override of 70.0 exactly, and 69.99… just below.
    expect(ragFor(def('PT06'), 70.1, 0.1, percent(7, 10))).toBe('amber');
    expect(ragFor(def('PT06'), 70.1, 0.1, percent(6999, 10000))).toBe('red');
  });
});

describe('ragFor without a RAG', () => {
  it('gives none for context indicators', () =>
    expect(ragFor(def('FD01'), null, null, { numerator: 3, denominator: null })).toBeNull());
  it('gives none without a value', () => {
    expect(ragFor(def('FD02'), 95, 5, { numerator: null, denominator: null })).toBeNull();
    expect(ragFor(def('PT01'), 100, 5, { numerator: 0, denominator: 0 })).toBeNull();
    expect(ragFor(def('FD02'), 95, 5, { numerator: 4, denominator: 5, status: 'no_data' })).toBeNull();
    expect(ragFor(def('FD02'), 95, 5, null)).toBeNull();
  });
  it('gives none when the target does not fit the polarity', () => {
    expect(ragFor(def('CP05'), 19, 3, percent(19, 100))).toBeNull();
    expect(ragFor(def('FD02'), { low: 1, high: 2 }, 3, percent(19, 100))).toBeNull();
  });
  it('accepts a plain value too', () => expect(ragFor(def('FD02'), 95, 5, 94.9)).toBe('amber'));
});
