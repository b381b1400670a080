import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sqlString, withWarehouse, type Row } from '@oscp/warehouse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSnapshot, buildWarehouse } from '../snapshot/build-snapshot';
import type { AcceptedSubmission, BuildSnapshotResult, InputDataset } from '../types';
import { validateSubmission } from '../validation';
import { censusChild, censusXml } from '../../test-support/census-xml';

const SAMPLE = resolve(__dirname, '../../../test/fixtures/cin-census/cin_census_20220523.xml');
const KEY = 'a1'.repeat(32);

let dir = '';
let counter = 0;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oscp-census-build-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function accepted(
  dataset: InputDataset,
  fileName: string,
  extractDate: string,
  content: string | null,
  path?: string,
): Promise<AcceptedSubmission> {
  counter += 1;
  const source = path ?? join(dir, `${counter}-${fileName}`);
  if (content !== null) await writeFile(source, content);
  const result = await validateSubmission({
    path: source,
    fileName,
    dataset,
    extractDate,
    format: dataset === 'cin_census' ? 'xml' : 'csv',
    outputPath: join(dir, `${counter}.parquet`),
    rejectThresholdPct: 10,
    childIdKey: KEY,
  });
  if (result.status !== 'accepted' || !result.outputPath) throw new Error(result.reason ?? 'rejected');
  return { submissionId: `sub-${counter}`, dataset, fileName, extractDate, parquetPath: result.outputPath };
}

async function build(
  submissions: AcceptedSubmission[],
  runDate: string,
): Promise<{ result: BuildSnapshotResult; path: string }> {
  const path = join(dir, `snap-${counter}.duckdb`);
  const result = await buildSnapshot({
    snapshotId: 'snap',
    outPath: path,
    submissions,
    runDate,
    laCode: 353,
    overrides: [],
  });
  return { result, path };
}

/**
 * Rows of `sql` over the build's own tables, in memory: the staged records, which the snapshot
 * file leaves out (only what is read from it once built is written there).
 */
async function staged<T extends Row = Row>(
  submissions: AcceptedSubmission[],
  runDate: string,
  sql: string,
): Promise<T[]> {
  return withWarehouse({ path: ':memory:' }, async (warehouse) => {
    await buildWarehouse(warehouse, { submissions, runDate, laCode: 353 });
    return warehouse.all<T>(sql);
  });
}

describe('a snapshot built from the DfE sample census', () => {
  it(
    'lists its referral, assessment, S47, plan and review in the record drill-through',
    { timeout: 60_000 },
    async () => {
      const census = await accepted('cin_census', 'cin_census_20220523.xml', '2022-05-23', null, SAMPLE);
      const { result, path } = await build([census], '2022-05-23');
      expect(result.dataTestFailures).toEqual([]);
      expect(
        result.sourcesByQuarter.map((entry) => `${entry.dataset} ${entry.period} ${entry.source}`),
      ).toContain('referrals 2021-22 Q4 cin_census');
      await withWarehouse({ path, readOnly: true }, async (warehouse) => {
        const rows = await warehouse.all<{ dataset: string; code: string; period: string }>(
          `select distinct dataset, code, period from scorecard_record order by dataset, code, period`,
        );
        const byDataset = (dataset: string): string[] =>
          rows.filter((row) => row.dataset === dataset).map((row) => `${row.code} ${row.period}`);
        expect(byDataset('referrals')).toEqual(
          expect.arrayContaining(['FD05 1970-71 Q3', 'FD06 1970-71 Q3']),
        );
        expect(byDataset('assessments')).toEqual(expect.arrayContaining(['NG02 1971-72 Q2']));
        expect(byDataset('strategy_discussions')).toEqual(expect.arrayContaining(['CP02 1970-71 Q1']));
        expect(byDataset('cp_plans')).toEqual(expect.arrayContaining(['CP05 1969-70 Q4', 'NG01 1969-70 Q4']));
        expect(byDataset('cp_reviews')).toEqual(expect.arrayContaining(['CP04 1970-71 Q4']));
        // No concern category in a census: its S47s are not PT01 records.
        expect(rows.filter((row) => row.code === 'PT01')).toEqual([]);
      });
    },
  );
});

describe('a census accepted before ids were counted across the whole file', () => {
  it('stages one record per id when it holds an id twice on the same line (a child listed twice, a one-line file)', async () => {
    const census = await accepted(
      'cin_census',
      'cin_census_20220523.xml',
      '2022-05-23',
      censusXml('2022-03-31', [censusChild()]),
    );
    // Such a file's Parquet: every row twice, ids and lines alike.
    const doubled = join(dir, 'doubled.parquet');
    await withWarehouse({ path: ':memory:' }, (warehouse) =>
      warehouse.run(
        `copy (select * from read_parquet(${sqlString(census.parquetPath)})
               union all select * from read_parquet(${sqlString(census.parquetPath)}))
         to ${sqlString(doubled)} (format parquet)`,
      ),
    );
    const rows = await staged<{ model: string; records: number; ids: number }>(
      [{ ...census, parquetPath: doubled }],
      '2022-05-23',
      `select 'referrals' as model, cast(count(*) as integer) as records, cast(count(distinct referral_id) as integer) as ids from stg_referrals
       union all select 'assessments', cast(count(*) as integer), cast(count(distinct assessment_id) as integer) from stg_assessments
       union all select 'plans', cast(count(*) as integer), cast(count(distinct plan_id) as integer) from stg_cp_plans
       union all select 'reviews', cast(count(*) as integer), cast(count(distinct review_id) as integer) from stg_cp_reviews
       order by model`,
    );
    expect(rows).toEqual([
      { model: 'assessments', records: 1, ids: 1 },
      { model: 'plans', records: 1, ids: 1 },
      { model: 'referrals', records: 1, ids: 1 },
      { model: 'reviews', records: 2, ids: 2 },
    ]);
  });
});

const REFERRALS_HEADER =
  'referral_id,child_id,referral_date,source,contact_id,primary_need_code,closure_date';

describe('a census and CSV extracts covering the same quarters', () => {
  it(
    'keeps, per quarter, the records of the kind of file with the newest extract, and says which',
    { timeout: 60_000 },
    async () => {
      const census = censusXml('2022-03-31', [
        { laChildId: 'A', episodes: [{ referralDate: '2021-05-01' }, { referralDate: '2022-01-10' }] },
        { laChildId: 'B', episodes: [{ referralDate: '2020-11-01' }] },
      ]);
      const submissions = [
        // Older than the census: its 2021-22 records give way; its 2022-23 Q1 record stays.
        await accepted(
          'referrals',
          'referrals_20220401.csv',
          '2022-04-01',
          [
            REFERRALS_HEADER,
            'R1,CH1,2021-05-02,6,,,',
            'R2,CH2,2022-01-11,6,,,',
            'R0,CH0,2020-11-02,6,,,',
          ].join('\n'),
        ),
        await accepted('cin_census', 'cin_census_20220523.xml', '2022-05-23', census),
        // Newer than the census, and holding 2021-22 Q4: that quarter comes from the extracts.
        await accepted(
          'referrals',
          'referrals_20220801.csv',
          '2022-08-01',
          [REFERRALS_HEADER, 'R3,CH3,2022-02-01,6,,,', 'R4,CH4,2022-06-01,6,,,'].join('\n'),
        ),
      ];
      const { result, path } = await build(submissions, '2022-10-10');
      expect(result.dataTestFailures).toEqual([]);
      expect(result.sourcesByQuarter.filter((entry) => entry.dataset === 'referrals')).toEqual([
        {
          dataset: 'referrals',
          period: '2020-21 Q3',
          source: 'cin_census',
          fileName: 'cin_census_20220523.xml',
          extractDate: '2022-05-23',
        },
        {
          dataset: 'referrals',
          period: '2021-22 Q1',
          source: 'cin_census',
          fileName: 'cin_census_20220523.xml',
          extractDate: '2022-05-23',
        },
        {
          dataset: 'referrals',
          period: '2021-22 Q2',
          source: 'cin_census',
          fileName: 'cin_census_20220523.xml',
          extractDate: '2022-05-23',
        },
        {
          dataset: 'referrals',
          period: '2021-22 Q3',
          source: 'cin_census',
          fileName: 'cin_census_20220523.xml',
          extractDate: '2022-05-23',
        },
        {
          dataset: 'referrals',
          period: '2021-22 Q4',
          source: 'extract',
          fileName: 'referrals_20220801.csv',
          extractDate: '2022-08-01',
        },
      ]);
      expect(
        await staged<{ referral_date: string; file: string }>(
          submissions,
          '2022-10-10',
          `select cast(referral_date as varchar) as referral_date, _file_name as file from stg_referrals order by referral_date`,
        ),
      ).toEqual([
        { referral_date: '2020-11-01', file: 'cin_census_20220523.xml' },
        { referral_date: '2021-05-01', file: 'cin_census_20220523.xml' },
        { referral_date: '2022-01-11', file: 'referrals_20220401.csv' },
        { referral_date: '2022-02-01', file: 'referrals_20220801.csv' },
        { referral_date: '2022-06-01', file: 'referrals_20220801.csv' },
      ]);
      await withWarehouse({ path, readOnly: true }, async (warehouse) => {
        const table = await warehouse.all(`select count(*)::integer as n from source_by_quarter`);
        expect(table).toEqual([{ n: result.sourcesByQuarter.length }]);
      });
    },
  );

  it(
    'lets a later census of the same year replace the earlier one record by record (stable ids)',
    { timeout: 60_000 },
    async () => {
      const first = censusXml('2022-03-31', [
        { laChildId: 'A', episodes: [{ referralDate: '2021-05-01', primaryNeed: 'N1' }] },
      ]);
      const resubmitted = censusXml('2022-03-31', [
        { laChildId: 'A', episodes: [{ referralDate: '2021-05-01', primaryNeed: 'N5' }] },
      ]);
      const submissions = [
        await accepted('cin_census', 'cin_census_20220523.xml', '2022-05-23', first),
        await accepted('cin_census', 'cin_census_20220610.xml', '2022-06-10', resubmitted),
      ];
      const { result } = await build(submissions, '2022-10-10');
      expect(result.dataTestFailures).toEqual([]);
      expect(
        await staged(
          submissions,
          '2022-10-10',
          `select primary_need_code, _file_name as file from stg_referrals`,
        ),
      ).toEqual([{ primary_need_code: 'N5', file: 'cin_census_20220610.xml' }]);
      await withWarehouse({ path: ':memory:' }, async (warehouse) => {
        expect(
          await warehouse.all(
            `select count(*)::integer as n from read_parquet(${sqlString(join(dir, '*.parquet'))}) where _dataset = 'referrals'`,
          ),
        ).toEqual([{ n: 2 }]);
      });
    },
  );
});
