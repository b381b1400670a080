import { BadRequestException } from '@nestjs/common';
import { indicatorByCode } from '@oscp/scorecard';
import type { IndicatorDefinition } from '@oscp/contracts';
import { describe, expect, it } from 'vitest';
import { checkTargetChange, financialYearParam, targetChangeBody } from './target-change';

function definition(code: string): IndicatorDefinition {
  const found = indicatorByCode(code);
  if (!found) throw new Error(`no ${code} in the catalogue`);
  return found;
}

function fieldsOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof BadRequestException) return (error.getResponse() as { fields?: unknown }).fields;
    throw error;
  }
  throw new Error('expected a 400');
}

describe('target changes', () => {
  it('accepts a single number for a higher-is-better indicator', () => {
    const change = { target: 92, tolerance: 4, reason: 'Agreed at the March board' };
    expect(checkTargetChange(definition('FD02'), change)).toEqual(change);
  });

  it('accepts a { low, high } range only for a range indicator', () => {
    const range = { target: { low: 12, high: 20 }, tolerance: 2, reason: 'Regional benchmark' };
    expect(checkTargetChange(definition('CP05'), range)).toEqual(range);
    expect(fieldsOf(() => checkTargetChange(definition('FD02'), range))).toEqual([
      { field: 'target', message: 'FD02 is not a range indicator: send a single number.' },
    ]);
    expect(
      fieldsOf(() => checkTargetChange(definition('CP05'), { target: 18, tolerance: 2, reason: 'x' })),
    ).toEqual([{ field: 'target', message: 'CP05 has a range target: send { low, high }.' }]);
  });

  it('refuses a target for a context indicator', () => {
    expect(
      fieldsOf(() => checkTargetChange(definition('FD01'), { target: 2000, tolerance: 0, reason: 'x' })),
    ).toEqual([{ field: 'target', message: 'FD01 is a context indicator: it has no target.' }]);
  });

  it('keeps a percentage target between 0 and 100', () => {
    expect(
      fieldsOf(() => checkTargetChange(definition('FD02'), { target: 120, tolerance: 5, reason: 'x' })),
    ).toMatchObject([{ field: 'target' }]);
  });

  it('needs a reason and a tolerance of 0 or more in the body', () => {
    const parsed = targetChangeBody.safeParse({ target: 90, tolerance: -1, reason: '  ' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['reason', 'tolerance']);
  });

  it('reads a financial year such as 2024-25 and refuses 2024-26', () => {
    expect(financialYearParam.safeParse('2024-25').success).toBe(true);
    expect(financialYearParam.safeParse('2024-26').success).toBe(false);
  });
});
