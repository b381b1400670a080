import { describe, expect, it } from 'vitest';
import { comparatorLookup, comparatorsFor } from './comparators';
import type { ComparatorValue } from './measures';

const values: ComparatorValue[] = [
  { code: 'CP02', year: '2022-23', group: 'ENGLAND', value: 78.0 },
  { code: 'CP02', year: '2022-23', group: 'REGION', value: 80.2 },
  { code: 'CP02', year: '2022-23', group: 'STAT_NEIGHBOURS', value: 83.1 },
  { code: 'CP02', year: '2023-24', group: 'ENGLAND', value: 77.5 },
  { code: 'CP02', year: '2023-24', group: 'STAT_NEIGHBOURS', value: 81.9 },
  { code: 'FD07', year: '2023-24', group: 'ENGLAND', value: 82.1 },
];

describe('comparatorsFor', () => {
  it("gives the values of the period's financial year, beside every quarter of it", () => {
    for (const q of ['Q1', 'Q4']) {
      expect(comparatorsFor(values, 'CP02', `2023-24 ${q}`)).toEqual({
        year: '2023-24',
        england: 77.5,
        region: null,
        statNeighbours: 81.9,
        note: 'DfE times the initial conference from the start of the section 47 enquiry, not from the strategy discussion (usually the same day).',
      });
    }
  });

  it('falls back to the latest earlier year, labelled with its year', () => {
    expect(comparatorsFor(values, 'CP02', '2025-26 Q1')?.year).toBe('2023-24');
    expect(comparatorsFor(values, 'FD07', '2024-25 Q3')).toEqual({
      year: '2023-24',
      england: 82.1,
      region: null,
      statNeighbours: null,
      note: null,
    });
  });

  it('gives none before the first published year, or for an indicator without comparators', () => {
    expect(comparatorsFor(values, 'CP02', '2021-22 Q4')).toBeNull();
    expect(comparatorsFor(values, 'FD01', '2023-24 Q1')).toBeNull();
  });

  it('lets a later value for the same year and group win (an inbox file over the shipped values)', () => {
    const lookup = comparatorLookup([
      ...values,
      { code: 'CP02', year: '2023-24', group: 'ENGLAND', value: 79 },
    ]);
    expect(lookup('CP02', '2023-24 Q2')?.england).toBe(79);
  });
});
