/**
 * The acceptance sample (`../shared/reference/sample` beside the repository): builds the
 * scorecards from the expected file's own numerators and denominators and checks every rule
 * applied on top of them (value, display, published display, RAG, direction, exception,
 * breakdowns). The SQL that produces the numerators is tested elsewhere.
 *
 * The partner returns are read from the sample inbox (with the data contract's row rules),
 * both to know which quarters' own return is missing and to give the quarters before the
 * file's first one, so that PT03-PT06 have a direction in 2022-23 Q3 too. For the other
 * indicators the quarter before the first one is not in the file: their direction and
 * exception are not checked in 2022-23 Q3, except that a red one must be an exception.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { financialYearOf, isPeriod, parsePeriod, quartersBetween, rolling12 } from '@oscp/calendar';
import type { ScorecardIndicator } from '@oscp/contracts';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildScorecards } from './build';
import { catalogue, indicatorByCode, partnerReturnCodes } from './catalogue';
import { applyDisclosureControlToScorecard } from './disclosure';
import type { IndicatorMeasure } from './measures';

const sampleDir = path.resolve(__dirname, '../../../../shared/reference/sample');
const expectedFile = path.join(sampleDir, 'expected-scorecards.json');
const present = existsSync(expectedFile);
if (!present) {
  console.warn(
    `Skipping the sample acceptance rules: ${expectedFile} is not there (CI has it beside the clone).`,
  );
}

interface ExpectedIndicator {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  display: string;
  displayPublished: string;
  rag: string | null;
  direction: string | null;
  exception: boolean;
  breakdown: { key: string; numerator: number; denominator: number; value: number | null }[];
}

interface ExpectedFile {
  runDate: string;
  quarantinedRows: Record<string, number>;
  scorecards: Record<string, Record<string, ExpectedIndicator>>;
}

type CsvRow = Record<string, string>;

function readCsv(file: string): CsvRow[] {
  return parse(readFileSync(file, 'utf8'), {
    bom: true,
    columns: (header: string[]) =>
      header.map((h) =>
        h
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, '_'),
      ),
    skip_empty_lines: true,
    trim: true,
  }) as CsvRow[];
}

function csvFiles(dataset: string): string[] {
  const dir = path.join(sampleDir, 'inbox', dataset);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => path.join(dir, f));
}

const AGENCIES = new Set([
  'CSC',
  'EARLY_HELP',
  'POLICE',
  'HEALTH',
  'EDUCATION',
  'PROBATION',
  'HOUSING',
  'YJS',
  'SARC',
  'OSCP',
  'OTHER',
]);

interface PartnerReturn {
  code: string;
  period: string;
  numerator: number;
  denominator: number | null;
}

/**
 * The accepted partner returns: the data contract's row rules; a key twice in one file
 * quarantines every copy; across files the latest extract date wins, then the later file name.
 */
function readPartnerReturns(): { returns: Map<string, PartnerReturn>; quarantined: number } {
  const files = csvFiles('partner_returns').sort((a, b) => {
    const date = (f: string): string => /_(\d{8})/.exec(path.basename(f))?.[1] ?? '';
    return date(a).localeCompare(date(b)) || (path.basename(a) < path.basename(b) ? -1 : 1);
  });
  const accepted = new Map<string, PartnerReturn>();
  let quarantined = 0;
  for (const file of files) {
    const rows = readCsv(file);
    const valid: { key: string; row: PartnerReturn }[] = [];
    for (const raw of rows) {
      const agency = raw.agency.toUpperCase();
      const code = raw.indicator_code.toUpperCase();
      const def = indicatorByCode(code);
      const numerator = Number(raw.numerator);
      const denominator = raw.denominator === '' ? null : Number(raw.denominator);
      const ok =
        AGENCIES.has(agency) &&
        def !== undefined &&
        partnerReturnCodes.includes(code) &&
        isPeriod(raw.period) &&
        raw.numerator !== '' &&
        Number.isFinite(numerator) &&
        numerator >= 0 &&
        (denominator === null ||
          (Number.isFinite(denominator) && denominator > 0 && numerator <= denominator)) &&
        (def.unit !== 'percent' || denominator !== null) &&
        (raw.note ?? '').length <= 500;
      if (!ok) {
        quarantined++;
        continue;
      }
      const period = parsePeriod(raw.period);
      valid.push({ key: `${agency}|${code}|${period}`, row: { code, period, numerator, denominator } });
    }
    const counts = new Map<string, number>();
    for (const v of valid) counts.set(v.key, (counts.get(v.key) ?? 0) + 1);
    for (const v of valid) {
      if ((counts.get(v.key) ?? 0) > 1) quarantined++;
      else accepted.set(v.key, v.row);
    }
  }
  const returns = new Map<string, PartnerReturn>();
  for (const r of accepted.values()) returns.set(`${r.code}|${r.period}`, r);
  return { returns, quarantined };
}

/** Population by financial year: mid-year Y serves Y-(Y+1); a missing year uses the latest earlier. */
function populationFor(band: string, financialYear: string): number {
  const rows = readCsv(csvFiles('population')[0]).filter((r) => r.age_band === band);
  const startYear = Number(financialYear.slice(0, 4));
  const usable = rows
    .filter((r) => Number(r.year) <= startYear)
    .sort((a, b) => Number(b.year) - Number(a.year));
  return Number(usable[0].count);
}

function measureFromExpected(
  code: string,
  period: string,
  e: ExpectedIndicator,
): Omit<IndicatorMeasure, 'ownReturnMissing'> {
  const def = indicatorByCode(code);
  const status: IndicatorMeasure['status'] =
    e.numerator === null
      ? 'no_data'
      : def?.unit === 'percent' && e.denominator === 0
        ? 'not_applicable'
        : 'ok';
  return {
    code,
    period,
    numerator: e.numerator,
    denominator: e.denominator,
    status,
    breakdown: e.breakdown.map((b) => ({ key: b.key, numerator: b.numerator, denominator: b.denominator })),
  };
}

/** A partner-return measure worked out from the returns (for quarters before the file's first). */
function measureFromReturns(
  code: string,
  period: string,
  returns: Map<string, PartnerReturn>,
): IndicatorMeasure {
  const own = returns.get(`${code}|${period}`);
  const base = { code, period, ownReturnMissing: own === undefined, breakdown: [] };
  if (code === 'PT03') {
    const quarters = rolling12(period).map((q) => returns.get(`PT03|${q}`));
    if (quarters.some((q) => q === undefined))
      return { ...base, numerator: null, denominator: null, status: 'no_data' };
    return {
      ...base,
      numerator: quarters.reduce((sum, q) => sum + (q?.numerator ?? 0), 0),
      denominator: populationFor('10-17', financialYearOf(period)),
      status: 'ok',
    };
  }
  if (!own) return { ...base, numerator: null, denominator: null, status: 'no_data' };
  return { ...base, numerator: own.numerator, denominator: own.denominator, status: 'ok' };
}

describe.skipIf(!present)('the sample scorecards (expected-scorecards.json)', () => {
  const expected = present ? (JSON.parse(readFileSync(expectedFile, 'utf8')) as ExpectedFile) : undefined;
  if (!expected) return;
  const periods = Object.keys(expected.scorecards);
  const firstPeriod = periods[0];
  const { returns, quarantined } = readPartnerReturns();

  const measures: IndicatorMeasure[] = [];
  for (const period of quartersBetween('2021-22 Q3', periods[periods.length - 1])) {
    const inFile = expected.scorecards[period];
    for (const code of partnerReturnCodes) {
      measures.push(
        inFile
          ? {
              ...measureFromExpected(code, period, inFile[code]),
              ownReturnMissing: !returns.has(`${code}|${period}`),
            }
          : measureFromReturns(code, period, returns),
      );
    }
    if (!inFile) continue;
    for (const def of catalogue) {
      if (partnerReturnCodes.includes(def.code)) continue;
      measures.push({ ...measureFromExpected(def.code, period, inFile[def.code]), ownReturnMissing: false });
    }
  }

  const extraHolidays = readCsv(csvFiles('bank_holidays')[0]).map((r) => r.date);
  const built = buildScorecards({
    measures,
    runDate: expected.runDate,
    overrides: [],
    comparators: [],
    extraHolidays,
  });

  it('reads the partner returns as the data contract says (same quarantine count as the sample)', () => {
    expect(quarantined).toBe(expected.quarantinedRows.partner_returns);
    // The police file's revision (same extract date, later file name) wins.
    expect(returns.get('PT04|2024-25 Q3')?.numerator).toBe(252);
  });

  it('works out the partner-return numerators of the file from the returns alone', () => {
    for (const period of periods) {
      for (const code of partnerReturnCodes) {
        const own = measureFromReturns(code, period, returns);
        const e = expected.scorecards[period][code];
        expect([period, code, own.numerator, own.denominator]).toEqual([
          period,
          code,
          e.numerator,
          e.denominator,
        ]);
      }
    }
  });

  it('has every catalogue indicator, in catalogue order, for every quarter of the file', () => {
    for (const period of periods) {
      expect(built.get(period)?.map((i) => i.code)).toEqual(catalogue.map((d) => d.code));
      expect(Object.keys(expected.scorecards[period]).sort()).toEqual(catalogue.map((d) => d.code).sort());
    }
  });

  for (const period of periods) {
    it(`reproduces ${period}`, () => {
      const internal = built.get(period) ?? [];
      const published = applyDisclosureControlToScorecard(
        {
          period,
          snapshotId: 'sample',
          generatedAt: '',
          runDate: expected.runDate,
          regionName: 'North West',
          publishedView: false,
          indicators: internal,
        },
        built,
      ).indicators;
      const mismatches: string[] = [];
      const check = (code: string, field: string, actual: unknown, wanted: unknown): void => {
        const same =
          typeof actual === 'number' && typeof wanted === 'number'
            ? Math.abs(actual - wanted) <= 1e-9
            : JSON.stringify(actual) === JSON.stringify(wanted);
        if (!same)
          mismatches.push(
            `${code} ${field}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`,
          );
      };
      internal.forEach((got: ScorecardIndicator, i) => {
        const e = expected.scorecards[period][got.code];
        check(got.code, 'numerator', got.numerator, e.numerator);
        check(got.code, 'denominator', got.denominator, e.denominator);
        check(got.code, 'value', got.value, e.value);
        check(got.code, 'display', got.display, e.display);
        check(got.code, 'displayPublished', published[i].display, e.displayPublished);
        check(got.code, 'rag', got.rag, e.rag);
        const knownBefore = period !== firstPeriod || partnerReturnCodes.includes(got.code);
        if (knownBefore) {
          check(got.code, 'direction', got.direction, e.direction);
          check(got.code, 'exception', got.exception, e.exception);
        } else if (got.rag === 'red') {
          check(got.code, 'exception', got.exception, true);
        }
        check(got.code, 'breakdown length', got.breakdown.length, e.breakdown.length);
        got.breakdown.forEach((b, j) => {
          const eb = e.breakdown[j];
          check(got.code, `breakdown ${j} key`, b.key, eb?.key);
          check(got.code, `breakdown ${j} numerator`, b.numerator, eb?.numerator);
          check(got.code, `breakdown ${j} denominator`, b.denominator, eb?.denominator);
          check(got.code, `breakdown ${j} value`, b.value, eb?.value);
        });
      });
      expect(mismatches).toEqual([]);
    });
  }

  it('flags the missing 2023-24 Q2 youth justice return, and not the rolling [x] it causes later', () => {
    const pt03 = (period: string): ScorecardIndicator | undefined =>
      built.get(period)?.find((i) => i.code === 'PT03');
    expect(pt03('2023-24 Q2')?.exceptionReasons).toEqual(['partner_return_missing']);
    expect(pt03('2023-24 Q3')).toMatchObject({ display: '[x]', status: 'no_data', exception: false });
  });
});
