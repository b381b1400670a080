import type { ScorecardIndicator } from '@oscp/contracts';
import { describe, expect, it } from 'vitest';
import { buildScorecards } from './build';
import { catalogue } from './catalogue';
import type { IndicatorMeasure, ScorecardBuildInput } from './measures';

function measure(
  code: string,
  period: string,
  numerator: number | null,
  denominator: number | null,
  extra: Partial<IndicatorMeasure> = {},
): IndicatorMeasure {
  return {
    code,
    period,
    numerator,
    denominator,
    status: numerator === null ? 'no_data' : denominator === 0 ? 'not_applicable' : 'ok',
    ownReturnMissing: false,
    breakdown: [],
    ...extra,
  };
}

function build(
  measures: IndicatorMeasure[],
  input: Partial<ScorecardBuildInput> = {},
): Map<string, ScorecardIndicator[]> {
  return buildScorecards({
    measures,
    runDate: '2025-06-01',
    overrides: [],
    comparators: [],
    extraHolidays: [],
    ...input,
  });
}

function find(result: Map<string, ScorecardIndicator[]>, period: string, code: string): ScorecardIndicator {
  const found = result.get(period)?.find((i) => i.code === code);
  if (!found) throw new Error(`${code} ${period} missing`);
  return found;
}

describe('buildScorecards', () => {
  it('gives every catalogue indicator, in order, for every period in the measures, oldest first', () => {
    const result = build([measure('FD02', '2024-25 Q2', 90, 100), measure('FD02', '2024-25 Q1', 95, 100)]);
    expect([...result.keys()]).toEqual(['2024-25 Q1', '2024-25 Q2']);
    expect(result.get('2024-25 Q1')?.map((i) => i.code)).toEqual(catalogue.map((d) => d.code));
    expect(find(result, '2024-25 Q1', 'FD01')).toMatchObject({
      status: 'no_data',
      display: '[x]',
      value: null,
      rag: null,
    });
  });

  it('computes value, display, target, RAG and definition fields', () => {
    const fd02 = find(build([measure('FD02', '2023-24 Q2', 1898, 2000)]), '2023-24 Q2', 'FD02');
    expect(fd02).toMatchObject({
      title: 'Contacts with a MASH decision within 1 working day',
      theme: 'front_door',
      unit: 'percent',
      polarity: 'higher',
      owner: 'CSC',
      subgroups: ['Performance Co-ordination'],
      numerator: 1898,
      denominator: 2000,
      value: 94.9,
      display: '94.9',
      status: 'ok',
      target: 95,
      tolerance: 5,
      targetSource: 'catalogue',
      rag: 'amber',
      direction: null,
      previousValue: null,
      exception: false,
      exceptionReasons: [],
      comparators: null,
      breakdown: [],
    });
  });

  it('compares with the previous quarter and flags two quarters of decline', () => {
    const result = build([
      measure('FD02', '2024-25 Q1', 99, 100),
      measure('FD02', '2024-25 Q2', 96, 100),
      measure('FD02', '2024-25 Q3', 94, 100),
    ]);
    expect(find(result, '2024-25 Q1', 'FD02').direction).toBeNull();
    expect(find(result, '2024-25 Q2', 'FD02')).toMatchObject({
      direction: 'declining',
      previousValue: 99,
      exception: false,
    });
    expect(find(result, '2024-25 Q3', 'FD02')).toMatchObject({
      direction: 'declining',
      rag: 'amber',
      exception: true,
      exceptionReasons: ['declining_two_quarters'],
    });
  });

  it('has no direction after a quarter with no value', () => {
    const result = build([measure('PT01', '2024-25 Q1', 0, 0), measure('PT01', '2024-25 Q2', 7, 7)]);
    expect(find(result, '2024-25 Q1', 'PT01')).toMatchObject({
      display: '[z]',
      status: 'not_applicable',
      numerator: 0,
      denominator: 0,
    });
    expect(find(result, '2024-25 Q2', 'PT01')).toMatchObject({
      direction: null,
      previousValue: null,
      rag: 'green',
    });
  });

  it('shows a missing partner return as awaited until it is due, then as an exception', () => {
    const missing = [measure('PT05', '2024-25 Q4', null, null, { ownReturnMissing: true })];
    // 2024-25 Q4 ends 31 Mar 2025; due 20 working days later, on 30 Apr 2025 (Easter skipped).
    const awaited = find(build(missing, { runDate: '2025-04-30' }), '2024-25 Q4', 'PT05');
    expect(awaited).toMatchObject({ status: 'awaited', display: '[x]', exception: false });
    const overdue = find(build(missing, { runDate: '2025-05-01' }), '2024-25 Q4', 'PT05');
    expect(overdue).toMatchObject({
      status: 'no_data',
      display: '[x]',
      exception: true,
      exceptionReasons: ['partner_return_missing'],
      partnerReturnWorkingDaysOverdue: 1,
    });
    // Friday 30 May 2025 is 20 working days after 30 April (the 26 May bank holiday skipped).
    const later = find(build(missing, { runDate: '2025-05-30' }), '2024-25 Q4', 'PT05');
    expect(later.partnerReturnWorkingDaysOverdue).toBe(20);
    expect(awaited.partnerReturnWorkingDaysOverdue).toBeUndefined();
  });

  it('lets an extra holiday push the due date back', () => {
    const missing = [measure('PT05', '2024-25 Q4', null, null, { ownReturnMissing: true })];
    const result = build(missing, { runDate: '2025-05-01', extraHolidays: ['2025-04-02'] });
    expect(find(result, '2024-25 Q4', 'PT05').status).toBe('awaited');
  });

  it('does not flag a rolling [x] caused only by an earlier quarter’s missing return', () => {
    const result = build([
      measure('PT03', '2023-24 Q2', null, null, { ownReturnMissing: true }),
      measure('PT03', '2023-24 Q3', null, null, { ownReturnMissing: false }),
    ]);
    expect(find(result, '2023-24 Q2', 'PT03').exceptionReasons).toEqual(['partner_return_missing']);
    expect(find(result, '2023-24 Q3', 'PT03')).toMatchObject({
      status: 'no_data',
      display: '[x]',
      exception: false,
    });
  });

  it("uses an analyst's target for that financial year only", () => {
    const overrides = [{ code: 'FD02', financialYear: '2024-25', target: 90, tolerance: 2 }];
    const result = build([measure('FD02', '2023-24 Q4', 89, 100), measure('FD02', '2024-25 Q1', 91, 100)], {
      overrides,
    });
    expect(find(result, '2023-24 Q4', 'FD02')).toMatchObject({
      target: 95,
      targetSource: 'catalogue',
      rag: 'red',
      exception: true,
    });
    expect(find(result, '2024-25 Q1', 'FD02')).toMatchObject({
      target: 90,
      tolerance: 2,
      targetSource: 'override',
      rag: 'green',
    });
  });

  it('attaches comparators for the financial year and the catalogue note', () => {
    const result = build([measure('CP02', '2024-25 Q3', 29, 30)], {
      comparators: [{ code: 'CP02', year: '2023-24', group: 'ENGLAND', value: 78 }],
    });
    expect(find(result, '2024-25 Q3', 'CP02').comparators).toMatchObject({
      year: '2023-24',
      england: 78,
      region: null,
    });
  });

  it('gives breakdown entries as percentages of their denominators', () => {
    const fd06 = find(
      build([
        measure('FD06', '2024-25 Q3', 397, null, {
          breakdown: [
            { key: 'Police', numerator: 122, denominator: 397 },
            { key: 'Housing', numerator: 0, denominator: 397 },
          ],
        }),
      ]),
      '2024-25 Q3',
      'FD06',
    );
    expect(fd06.breakdown).toEqual([
      { key: 'Police', numerator: 122, denominator: 397, value: 12200 / 397 },
      { key: 'Housing', numerator: 0, denominator: 397, value: 0 },
    ]);
    const cp08 = find(
      build([
        measure('CP08', '2024-25 Q3', 0, 1, { breakdown: [{ key: 'OSCP', numerator: 0, denominator: 0 }] }),
      ]),
      '2024-25 Q3',
      'CP08',
    );
    expect(cp08.breakdown).toEqual([{ key: 'OSCP', numerator: 0, denominator: 0, value: null }]);
  });

  it('shows a rate without a population as [x]', () => {
    expect(find(build([measure('CP03', '2024-25 Q1', 120, null)]), '2024-25 Q1', 'CP03')).toMatchObject({
      status: 'no_data',
      display: '[x]',
      value: null,
    });
  });

  it('builds 26 indicators × 40 quarters quickly', () => {
    const measures: IndicatorMeasure[] = [];
    for (let year = 2015; year < 2025; year++) {
      for (let q = 1; q <= 4; q++) {
        const period = `${year}-${String((year + 1) % 100).padStart(2, '0')} Q${q}`;
        for (const def of catalogue)
          measures.push(measure(def.code, period, 50 + q, def.unit === 'count' ? null : 100));
      }
    }
    const started = performance.now();
    const result = build(measures);
    expect(result.size).toBe(40);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
