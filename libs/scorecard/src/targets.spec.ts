import type { IndicatorDefinition } from '@oscp/contracts';
import { describe, expect, it } from 'vitest';
import { indicatorByCode } from './catalogue';
import { targetInForce } from './targets';

const def = (code: string): IndicatorDefinition => {
  const found = indicatorByCode(code);
  if (!found) throw new Error(code);
  return found;
};

describe('targetInForce', () => {
  it("uses the catalogue's default when there is no override for the year", () => {
    expect(
      targetInForce(def('FD02'), '2024-25', [
        { code: 'FD02', financialYear: '2023-24', target: 97, tolerance: 2 },
      ]),
    ).toEqual({
      target: 95,
      tolerance: 5,
      source: 'catalogue',
    });
  });

  it("uses an analyst's override for that code and year, the last one given winning", () => {
    const overrides = [
      { code: 'FD02', financialYear: '2024-25', target: 97, tolerance: 2 },
      { code: 'FD07', financialYear: '2024-25', target: 80, tolerance: 5 },
      { code: 'FD02', financialYear: '2024-25', target: 96, tolerance: 3 },
    ];
    expect(targetInForce(def('FD02'), '2024-25', overrides)).toEqual({
      target: 96,
      tolerance: 3,
      source: 'override',
    });
  });

  it('keeps a range target as a range', () => {
    expect(targetInForce(def('CP05'), '2024-25', [])).toEqual({
      target: { low: 15, high: 23 },
      tolerance: 3,
      source: 'catalogue',
    });
    expect(
      targetInForce(def('CP05'), '2024-25', [
        { code: 'CP05', financialYear: '2024-25', target: { low: 14, high: 22 }, tolerance: 2 },
      ]),
    ).toEqual({ target: { low: 14, high: 22 }, tolerance: 2, source: 'override' });
  });

  it('never gives a context indicator a target', () => {
    expect(
      targetInForce(def('FD01'), '2024-25', [
        { code: 'FD01', financialYear: '2024-25', target: 10, tolerance: 1 },
      ]),
    ).toEqual({
      target: null,
      tolerance: null,
      source: 'catalogue',
    });
  });
});
