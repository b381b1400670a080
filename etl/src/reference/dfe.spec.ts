import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  dfeNumber,
  dfeReferenceDir,
  findEtlPackageDir,
  financialYearOfTimePeriod,
  loadDfeComparators,
  loadDfePopulation,
  loadDfeRegion,
  loadDfeStatisticalNeighbours,
} from './dfe';

const OLDHAM = 353;

function comparator(code: string, year: string, group: string): number | undefined {
  return loadDfeComparators(OLDHAM).find((c) => c.code === code && c.year === year && c.group === group)
    ?.value;
}

describe('DfE comparators for Oldham (353)', () => {
  it("lists Oldham's 10 statistical neighbours from the 2025 model, closest first", () => {
    // sn_model_2025_wide.csv, row 353: SN_1..SN_10.
    expect(loadDfeStatisticalNeighbours(OLDHAM)).toEqual([889, 350, 354, 380, 335, 831, 861, 331, 330, 333]);
  });

  it('labels DfE time period 2025 (year ending 31 March 2025) as 2024-25', () => {
    expect(financialYearOfTimePeriod(2025)).toBe('2024-25');
    expect(financialYearOfTimePeriod(2013)).toBe('2012-13');
  });

  it('takes the published re-referral percentage for England and the region (FD05)', () => {
    // c1 2025 National rereferral_percent = 22.6; Regional North West = 21.7.
    expect(comparator('FD05', '2024-25', 'ENGLAND')).toBe(22.6);
    expect(comparator('FD05', '2024-25', 'REGION')).toBe(21.7);
  });

  it('averages the neighbours that have a value (FD05)', () => {
    // c1 2025 rereferral_percent of 889, 350, 354, 380, 335, 831, 861, 331, 330, 333:
    // (21.5 + 20.5 + 17.2 + 22.9 + 19.7 + 23.1 + 21 + 18.5 + 20.7 + 22.7) / 10 = 207.8 / 10 = 20.78
    expect(comparator('FD05', '2024-25', 'STAT_NEIGHBOURS')).toBeCloseTo(20.78, 9);
  });

  it('computes the referral rate from counts and the mid-year population of the year before (FD04)', () => {
    // England: c1 2025 referral_count 632830 / ONS mid-2024 0-17 12183016 × 10,000 = 519.4369...
    expect(comparator('FD04', '2024-25', 'ENGLAND')).toBeCloseTo((632830 / 12183016) * 10_000, 9);
    // North West: Regional referral_count 86120 / ONS mid-2024 North West 1627558 × 10,000.
    expect(comparator('FD04', '2024-25', 'REGION')).toBeCloseTo((86120 / 1627558) * 10_000, 9);
    // Neighbours: mean of each neighbour's own rate (2025 referrals / mid-2024 population).
    const neighbourRates = [
      2806 / 41804, // Blackburn with Darwen
      3803 / 75599, // Bolton
      2768 / 58087, // Rochdale
      7450 / 142483, // Bradford
      3355 / 71799, // Walsall
      3557 / 62113, // Derby
      3874 / 62520, // Stoke-on-Trent
      4735 / 83561, // Coventry
      16324 / 292859, // Birmingham
      3723 / 88593, // Sandwell
    ].map((r) => r * 10_000);
    const mean = neighbourRates.reduce((s, r) => s + r, 0) / 10;
    expect(comparator('FD04', '2024-25', 'STAT_NEIGHBOURS')).toBeCloseTo(mean, 9);
  });

  it('times ICPCs within 15 working days of the S47 start from the duration bands (CP02)', () => {
    // c4 2025 North West: (Duration_0-10_days 800 + Duration_11-15_days 8240) / ICPC 11770 × 100 = 76.805...
    expect(comparator('CP02', '2024-25', 'REGION')).toBeCloseTo((9040 / 11770) * 100, 9);
  });

  it('computes S47 and plans-at-31-March rates per 10,000 (CP01, CP03)', () => {
    // c4 2025 North West Section47 36060; d5 2025 North West CPP_At31 8280; mid-2024 NW 1627558.
    expect(comparator('CP01', '2024-25', 'REGION')).toBeCloseTo((36060 / 1627558) * 10_000, 9);
    expect(comparator('CP03', '2024-25', 'REGION')).toBeCloseTo((8280 / 1627558) * 10_000, 9);
  });

  it('skips a suppressed neighbour value instead of counting it as zero (CP06)', () => {
    // d5 2025 2_years_or_more_percent: 889 0, 350 c (suppressed), 354 5.3, 380 3.2, 335 0,
    // 831 5.1, 861 3.5, 331 3.5, 330 1.9, 333 3.4 → (0+5.3+3.2+0+5.1+3.5+3.5+1.9+3.4) / 9 = 25.9 / 9
    expect(comparator('CP06', '2024-25', 'STAT_NEIGHBOURS')).toBeCloseTo(25.9 / 9, 9);
  });

  it('takes the published second-or-subsequent plan percentage (CP05)', () => {
    // d3 2025 National CPP_subsequent_percent = 24.5.
    expect(comparator('CP05', '2024-25', 'ENGLAND')).toBe(24.5);
  });

  it('covers earlier years too, for periods whose own year is not published', () => {
    const years = new Set(loadDfeComparators(OLDHAM).map((c) => c.year));
    expect(years.has('2022-23')).toBe(true);
    expect(years.has('2023-24')).toBe(true);
  });

  it('gives a clear error for an unknown LA code', () => {
    expect(() => loadDfeComparators(999)).toThrow(
      /Local authority code 999 is not in DfE's 2025 statistical neighbour model/,
    );
    expect(() => loadDfePopulation(999)).toThrow(/Local authority code 999/);
  });
});

describe('DfE comparators for other local authorities', () => {
  it("uses the LA's own region for the region group (Leeds: Yorkshire and The Humber)", () => {
    // c1 2025 Regional Yorkshire and The Humber (E12000003) rereferral_percent = 21.7.
    const leeds = loadDfeComparators(383).find(
      (c) => c.code === 'FD05' && c.year === '2024-25' && c.group === 'REGION',
    );
    expect(leeds?.value).toBe(21.7);
  });

  it("names the LA's own region from DfE's Regional rows", () => {
    expect(loadDfeRegion(OLDHAM)).toEqual({ code: 'E12000002', name: 'North West' });
    expect(loadDfeRegion(383)).toEqual({ code: 'E12000003', name: 'Yorkshire and The Humber' });
    expect(loadDfeRegion(202)).toEqual({ code: 'E12000007', name: 'London' });
    expect(() => loadDfeRegion(999)).toThrow(/Local authority code 999/);
  });

  it("computes the region's rate from the region's own counts and population (Leeds, FD04)", () => {
    // c1 2025 Regional Yorkshire and The Humber referral_count 63590 / ONS mid-2024 1181103 × 10,000,
    // not the North West's 86120 / 1627558.
    const leeds = loadDfeComparators(383).find(
      (c) => c.code === 'FD04' && c.year === '2024-25' && c.group === 'REGION',
    );
    expect(leeds?.value).toBeCloseTo((63590 / 1181103) * 10_000, 9);
    expect(leeds?.value).not.toBeCloseTo((86120 / 1627558) * 10_000, 3);
  });

  it('uses London, not Inner London, for a London borough (Camden)', () => {
    // c1 2025 Regional London (E12000007) rereferral_percent = 19.4 (Inner London would be 19.1).
    const camden = loadDfeComparators(202).find(
      (c) => c.code === 'FD05' && c.year === '2024-25' && c.group === 'REGION',
    );
    expect(camden?.value).toBe(19.4);
  });
});

describe('reference folder', () => {
  it('is found from the source folder and from a built dist folder alike', () => {
    const etlDir = resolve(__dirname, '..', '..');
    expect(findEtlPackageDir(__dirname)).toBe(etlDir);
    expect(findEtlPackageDir(resolve(etlDir, 'dist', 'reference'))).toBe(etlDir);
    expect(dfeReferenceDir()).toBe(resolve(etlDir, 'reference', 'dfe'));
  });
});

describe('DfE population', () => {
  it("returns Oldham's ONS 0-17 mid-year estimates", () => {
    const population = loadDfePopulation(OLDHAM);
    // ONS file: 2024 Oldham 64069; 2023 Oldham 63186.
    expect(population).toContainEqual({ year: 2024, ageBand: '0-17', count: 64069 });
    expect(population).toContainEqual({ year: 2023, ageBand: '0-17', count: 63186 });
    expect(population.every((p) => p.ageBand === '0-17')).toBe(true);
  });
});

describe('dfeNumber', () => {
  it('reads suppression and not-available symbols as missing', () => {
    for (const symbol of ['c', 'x', 'z', 'u', ':', '..', '', 'low']) expect(dfeNumber(symbol)).toBeNull();
    expect(dfeNumber('21.1')).toBe(21.1);
    expect(dfeNumber(' 0 ')).toBe(0);
  });
});
