import type { ScorecardIndicator } from '@oscp/contracts';
import { describe, expect, it } from 'vitest';
import { applyDisclosureControl, applyDisclosureControlToScorecard, isDisclosive } from './disclosure';

function indicator(overrides: Partial<ScorecardIndicator>): ScorecardIndicator {
  return {
    code: 'CP06',
    title: 'Plans ending that lasted 2 years or more',
    theme: 'child_protection',
    unit: 'percent',
    polarity: 'lower',
    owner: 'CSC',
    subgroups: ['Performance Co-ordination'],
    numerator: 1,
    denominator: 24,
    value: 100 / 24,
    display: '4.2',
    status: 'ok',
    target: 3,
    tolerance: 2,
    targetSource: 'catalogue',
    rag: 'amber',
    direction: 'declining',
    previousValue: 0,
    exception: false,
    exceptionReasons: [],
    comparators: null,
    breakdown: [],
    ...overrides,
  };
}

describe('isDisclosive', () => {
  it('hides counts of 1 to 5 and shows 0 and 6', () => {
    expect([0, 1, 5, 6].map((n) => isDisclosive('count', n, null))).toEqual([false, true, true, false]);
  });

  it('hides a percentage or rate whose numerator or denominator is 1 to 5', () => {
    expect(isDisclosive('percent', 1, 24)).toBe(true);
    expect(isDisclosive('percent', 0, 4)).toBe(true);
    expect(isDisclosive('percent', 0, 33)).toBe(false);
    expect(isDisclosive('percent', 6, 6)).toBe(false);
    expect(isDisclosive('rate100k', 5, 10000)).toBe(true);
  });
});

describe('applyDisclosureControl', () => {
  it('suppresses a small numerator: numbers null, display [c], status suppressed; RAG and direction kept', () => {
    const published = applyDisclosureControl(indicator({}), {
      previous: indicator({ numerator: 0, denominator: 33, value: 0 }),
    });
    expect(published).toMatchObject({
      numerator: null,
      denominator: null,
      value: null,
      display: '[c]',
      status: 'suppressed',
      rag: 'amber',
      direction: 'declining',
      previousValue: 0,
    });
  });

  it('suppresses 0 out of 4 (small denominator) but shows 0 out of 33', () => {
    expect(
      applyDisclosureControl(indicator({ numerator: 0, denominator: 4, value: 0, display: '0.0' })).display,
    ).toBe('[c]');
    expect(
      applyDisclosureControl(indicator({ numerator: 0, denominator: 33, value: 0, display: '0.0' })).display,
    ).toBe('0.0');
  });

  it('leaves [x] and [z] as they are', () => {
    const z = indicator({
      numerator: 0,
      denominator: 0,
      value: null,
      display: '[z]',
      status: 'not_applicable',
    });
    expect(applyDisclosureControl(z)).toMatchObject({
      display: '[z]',
      status: 'not_applicable',
      numerator: 0,
      denominator: 0,
    });
    const x = indicator({
      numerator: null,
      denominator: null,
      value: null,
      display: '[x]',
      status: 'no_data',
    });
    expect(applyDisclosureControl(x).display).toBe('[x]');
  });

  it('suppresses breakdown entries the same way', () => {
    const fd06 = indicator({
      code: 'FD06',
      unit: 'count',
      numerator: 395,
      denominator: null,
      value: 395,
      display: '395',
      breakdown: [
        { key: 'Housing', numerator: 1, denominator: 395, value: 100 / 395 },
        { key: 'Police', numerator: 112, denominator: 395, value: 11200 / 395 },
        { key: 'Other', numerator: 0, denominator: 395, value: 0 },
      ],
    });
    expect(applyDisclosureControl(fd06).breakdown).toEqual([
      { key: 'Housing', numerator: null, denominator: null, value: null },
      { key: 'Police', numerator: 112, denominator: 395, value: 11200 / 395 },
      { key: 'Other', numerator: 0, denominator: 395, value: 0 },
    ]);
    const cp08 = indicator({
      code: 'CP08',
      breakdown: [{ key: 'OSCP', numerator: 0, denominator: 1, value: 0 }],
    });
    expect(applyDisclosureControl(cp08).breakdown).toEqual([
      { key: 'OSCP', numerator: null, denominator: null, value: null },
    ]);
  });

  it("hides the previous value when the previous quarter's was suppressed", () => {
    const previous = indicator({ numerator: 2, denominator: 31 });
    const current = indicator({
      numerator: 0,
      denominator: 30,
      value: 0,
      display: '0.0',
      previousValue: 200 / 31,
    });
    expect(applyDisclosureControl(current, { previous }).previousValue).toBeNull();
    expect(
      applyDisclosureControl(current, { previous: indicator({ numerator: 7, denominator: 31 }) })
        .previousValue,
    ).toBe(200 / 31);
  });

  it('hides a previous percentage it cannot check, and checks a previous count on its value', () => {
    const current = indicator({ numerator: 0, denominator: 30, value: 0, display: '0.0', previousValue: 50 });
    expect(applyDisclosureControl(current).previousValue).toBeNull();
    const count = indicator({ unit: 'count', numerator: 200, denominator: null, value: 200, display: '200' });
    expect(applyDisclosureControl({ ...count, previousValue: 4 }).previousValue).toBeNull();
    expect(applyDisclosureControl({ ...count, previousValue: 210 }).previousValue).toBe(210);
  });

  it('hides trend points of suppressed quarters', () => {
    const current = indicator({
      numerator: 0,
      denominator: 30,
      value: 0,
      display: '0.0',
      trend: [
        { period: '2024-25 Q2', value: 200 / 31 },
        { period: '2024-25 Q3', value: 0 },
      ],
    });
    const byPeriod = new Map([
      ['2024-25 Q2', indicator({ numerator: 2, denominator: 31 })],
      ['2024-25 Q3', current],
    ]);
    expect(applyDisclosureControl(current, { byPeriod }).trend).toEqual([
      { period: '2024-25 Q2', value: null },
      { period: '2024-25 Q3', value: 0 },
    ]);
  });
});

describe('applyDisclosureControlToScorecard', () => {
  it('marks the scorecard published and checks previous values against the previous quarter', () => {
    const previous = indicator({ numerator: 2, denominator: 31 });
    const current = indicator({
      numerator: 7,
      denominator: 30,
      value: 700 / 30,
      display: '23.3',
      previousValue: 200 / 31,
    });
    const scorecard = {
      period: '2024-25 Q3',
      snapshotId: 's1',
      generatedAt: '2025-04-20T02:00:00Z',
      runDate: '2025-04-20',
      regionName: 'North West',
      publishedView: false,
      indicators: [current],
    };
    const published = applyDisclosureControlToScorecard(
      scorecard,
      new Map([
        ['2024-25 Q2', [previous]],
        ['2024-25 Q3', [current]],
      ]),
    );
    expect(published.publishedView).toBe(true);
    expect(published.indicators[0]).toMatchObject({ display: '23.3', numerator: 7, previousValue: null });
    expect(scorecard.indicators[0].previousValue).toBe(200 / 31);
  });
});
