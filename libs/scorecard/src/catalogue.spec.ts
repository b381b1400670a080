import { describe, expect, it } from 'vitest';
import catalogueFile from './catalogue.json';
import { catalogue, catalogueVersion, indicatorByCode, partnerReturnCodes } from './catalogue';
import { catalogueSchema } from './catalogue-schema';

// code, unit, polarity, target, tolerance, direction threshold, owner: indicators.md's tables.
const SPEC: [string, string, string, unknown, number | null, unknown, string][] = [
  ['FD01', 'count', 'context', null, null, { kind: 'relative', share: 0.05 }, 'CSC'],
  ['FD02', 'percent', 'higher', 95, 5, { kind: 'absolute', value: 1 }, 'CSC'],
  ['FD03', 'percent', 'context', null, null, { kind: 'absolute', value: 1 }, 'CSC'],
  ['FD04', 'rate10k', 'context', null, null, { kind: 'absolute', value: 10 }, 'CSC'],
  ['FD05', 'percent', 'lower', 20, 3, { kind: 'absolute', value: 1 }, 'CSC'],
  ['FD06', 'count', 'context', null, null, { kind: 'relative', share: 0.05 }, 'CSC'],
  ['FD07', 'percent', 'higher', 90, 5, { kind: 'absolute', value: 1 }, 'CSC'],
  ['FD08', 'percent', 'higher', 85, 5, { kind: 'absolute', value: 1 }, 'EARLY_HELP'],
  ['CP01', 'rate10k', 'context', null, null, { kind: 'absolute', value: 10 }, 'CSC'],
  ['CP02', 'percent', 'higher', 90, 5, { kind: 'absolute', value: 1 }, 'CSC'],
  ['CP03', 'rate10k', 'context', null, null, { kind: 'absolute', value: 2 }, 'CSC'],
  ['CP04', 'percent', 'higher', 98, 3, { kind: 'absolute', value: 1 }, 'CSC'],
  ['CP05', 'percent', 'range', { low: 15, high: 23 }, 3, { kind: 'absolute', value: 1 }, 'CSC'],
  ['CP06', 'percent', 'lower', 3, 2, { kind: 'absolute', value: 1 }, 'CSC'],
  ['CP07', 'percent', 'higher', 90, 10, { kind: 'absolute', value: 2 }, 'OSCP'],
  ['CP08', 'percent', 'higher', 90, 10, { kind: 'absolute', value: 2 }, 'OSCP'],
  ['NG01', 'percent', 'context', null, null, { kind: 'absolute', value: 2 }, 'CSC'],
  ['NG02', 'percent', 'context', null, null, { kind: 'absolute', value: 2 }, 'CSC'],
  ['NG03', 'percent', 'higher', 80, 10, { kind: 'absolute', value: 2 }, 'EARLY_HELP'],
  ['NG04', 'rate10k', 'context', null, null, { kind: 'absolute', value: 2 }, 'CSC'],
  ['PT01', 'percent', 'higher', 100, 5, { kind: 'absolute', value: 1 }, 'OSCP'],
  ['PT02', 'percent', 'higher', 80, 10, { kind: 'absolute', value: 2 }, 'CSC'],
  ['PT03', 'rate100k', 'lower', 150, 20, { kind: 'absolute', value: 10 }, 'YJS'],
  ['PT04', 'count', 'context', null, null, { kind: 'relative', share: 0.05 }, 'POLICE'],
  ['PT05', 'percent', 'higher', 90, 10, { kind: 'absolute', value: 2 }, 'HEALTH'],
  ['PT06', 'percent', 'higher', 70, 10, { kind: 'absolute', value: 5 }, 'OSCP'],
];

describe('the indicator catalogue', () => {
  it('has the 26 indicators FD01-FD08, CP01-CP08, NG01-NG04, PT01-PT06 in order', () => {
    expect(catalogue.map((d) => d.code)).toEqual(SPEC.map((s) => s[0]));
    expect(catalogueVersion).toBe('1');
  });

  for (const [code, unit, polarity, target, tolerance, threshold, owner] of SPEC) {
    it(`has ${code} as indicators.md defines it`, () => {
      expect(indicatorByCode(code)).toMatchObject({
        unit,
        polarity,
        target,
        tolerance,
        directionThreshold: threshold,
        owner,
      });
    });
  }

  it('puts every indicator under Performance Co-ordination, and PT06 also under Safeguarding Review and Learning', () => {
    for (const def of catalogue) {
      expect(def.subgroups).toEqual(
        def.code === 'PT06'
          ? ['Performance Co-ordination', 'Safeguarding Review and Learning Group']
          : ['Performance Co-ordination'],
      );
    }
  });

  it('breaks FD06 down by source group and CP07, CP08 by agency, nothing else', () => {
    const withBreakdown = Object.fromEntries(
      catalogue.filter((d) => d.breakdown).map((d) => [d.code, d.breakdown]),
    );
    expect(withBreakdown).toEqual({ FD06: 'source_group', CP07: 'agency', CP08: 'agency' });
  });

  it('notes where DfE defines a comparator differently', () => {
    expect(indicatorByCode('CP02')?.comparatorNote).toMatch(/section 47 enquiry/);
    expect(indicatorByCode('CP06')?.comparatorNote).toMatch(/open at 31 March/);
    for (const code of ['FD04', 'CP01', 'CP03'])
      expect(indicatorByCode(code)?.comparatorNote).toMatch(/31 March/);
    expect(indicatorByCode('FD02')?.comparatorNote).toBeNull();
  });

  it('knows the partner-return indicators', () => {
    expect(partnerReturnCodes).toEqual(['PT03', 'PT04', 'PT05', 'PT06']);
  });

  it('gives a seed reference for every indicator and nothing for an unknown code', () => {
    for (const def of catalogue) expect(def.seedReference.length).toBeGreaterThan(10);
    expect(indicatorByCode('XX99')).toBeUndefined();
  });

  it('cites practice standards by the document title people know, never by our copy of it', () => {
    const titles = [
      "Oldham Council Children's Services MASH Operating Procedures",
      'OSCP Improving Practice Framework',
      'OSCP Multi-Agency Practice Standards (October 2024)',
      'OSCP Strategic Plan 2024-2027',
      'Working Together to Safeguard Children',
    ];
    for (const def of catalogue) {
      expect(
        titles.some((title) => def.seedReference.startsWith(title)),
        def.code,
      ).toBe(true);
      // A seed copy's number (three digits and a short name) or file name is not a title.
      expect(def.seedReference, def.code).not.toMatch(/\b0\d\d\b|\.txt|practice framework:/);
    }
  });

  it('explains every indicator in plain words, without the technical rule', () => {
    expect(catalogue).toHaveLength(26);
    for (const def of catalogue) {
      expect(def.plainDefinition, def.code).toMatch(/^[A-Z].*\.$/);
      expect(def.whyItMatters, def.code).toMatch(/^[A-Z].*\.$/);
      // No column names, functions or comparison operators: those belong under "How it is calculated".
      for (const text of [def.plainDefinition, def.whyItMatters]) {
        expect(text, def.code).not.toMatch(/_date|_id|wd\(|<=|>=|\bNEG\b|\bSAB\b/);
      }
    }
    expect(indicatorByCode('CP02')?.plainDefinition).toBe(
      'Of the children whose child protection conference was held this quarter, how many had it within 15 working days of the strategy discussion.',
    );
  });

  it('rejects a file whose target does not fit the polarity, or with a code twice', () => {
    const [first, second] = catalogueFile.indicators;
    expect(
      catalogueSchema.safeParse({ version: '1', indicators: [{ ...second, target: null }] }).success,
    ).toBe(false);
    expect(catalogueSchema.safeParse({ version: '1', indicators: [first, first] }).success).toBe(false);
    expect(catalogueSchema.safeParse({ version: '1', indicators: [{ ...first, extra: 1 }] }).success).toBe(
      false,
    );
    expect(catalogueSchema.safeParse(catalogueFile).success).toBe(true);
  });
});
