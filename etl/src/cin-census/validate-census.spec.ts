import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sqlString, withWarehouse, type Row } from '@oscp/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateSubmission } from '../validation';
import { pseudonymiseChildId } from './child-id-key';
import { censusChild, censusXml, type GeneratedChild } from '../../test-support/census-xml';
import { generatedId, type CensusValidationResult } from './validate-census';

const SAMPLE = resolve(__dirname, '../../../test/fixtures/cin-census/cin_census_20220523.xml');
const KEY = '0f'.repeat(32);

let workDir = '';
let counter = 0;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'oscp-census-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function validateFile(
  path: string,
  fileName = 'cin_census_20220523.xml',
): Promise<CensusValidationResult> {
  counter += 1;
  const result = await validateSubmission({
    path,
    fileName,
    dataset: 'cin_census',
    extractDate: '2022-05-23',
    format: 'xml',
    outputPath: join(workDir, `${counter}.parquet`),
    rejectThresholdPct: 10,
    childIdKey: KEY,
  });
  return result as CensusValidationResult;
}

async function validateXml(
  xml: string,
  fileName = 'cin_census_20220523.xml',
): Promise<CensusValidationResult> {
  counter += 1;
  const path = join(workDir, `${counter}-${fileName}`);
  await writeFile(path, xml);
  return validateFile(path, fileName);
}

async function parquetRows(path: string | null): Promise<Row[]> {
  if (path === null) throw new Error('no Parquet written');
  return withWarehouse({ path: ':memory:' }, (warehouse) =>
    warehouse.all(
      `select * exclude (factors), array_to_string(factors, ';') as factors
       from read_parquet(${sqlString(path)}) order by _line`,
    ),
  );
}

const child = censusChild;

describe('loading the DfE sample census', () => {
  it('maps its one child to a referral, an assessment, an S47, a plan and a review, flagging every date as far outside 2021-22', async () => {
    const result = await validateFile(SAMPLE);
    expect(result.status).toBe('accepted');
    expect(result).toMatchObject({
      rowsRead: 5,
      rowsAccepted: 5,
      rowsQuarantined: 0,
      referenceDate: '2022-03-31',
    });
    expect(result.recordCounts).toEqual({
      children: 1,
      referrals: 1,
      assessments: 1,
      strategy_discussions: 1,
      cp_plans: 1,
      cp_reviews: 1,
    });
    expect(result.findings.map((f) => [f.kind, f.line, f.column, f.value, f.rule])).toEqual([
      ['warning', 37, 'CINreferralDate', '1970-10-06', 'outside_census_year'],
      ['warning', 40, 'CINclosureDate', '1971-02-27', 'outside_census_year'],
      ['warning', 44, 'AssessmentActualStartDate', '1970-06-03', 'outside_census_year'],
      ['warning', 46, 'AssessmentAuthorisationDate', '1971-07-18', 'outside_census_year'],
      ['warning', 57, 'S47ActualStartDate', '1970-06-02', 'outside_census_year'],
      ['warning', 59, 'DateOfInitialCPC', '1970-06-17', 'outside_census_year'],
      ['warning', 64, 'CPPstartDate', '1970-02-17', 'outside_census_year'],
      ['warning', 65, 'CPPendDate', '1971-03-14', 'outside_census_year'],
      ['warning', 70, 'CPPreviewDate', '1971-02-15', 'outside_census_year'],
    ]);
    expect(result.findings[0]?.message).toBe(
      'cin_census_20220523.xml line 37, child 1, referral 1, CINreferralDate: "1970-10-06" is more than 18 years before the census year (the year to 2022-03-31 began on 2021-04-01); the record is loaded, but check the date (rule: outside_census_year)',
    );

    const childId = pseudonymiseChildId(KEY, 'DfEX0000001');
    expect(childId).toMatch(/^[0-9a-f]{64}$/);
    const referralId = generatedId('referral', [childId, '1970-10-06', '1']);
    const planId = generatedId('plan', [referralId, '1']);
    const rows = await parquetRows(result.outputPath);
    const pick = (row: Row, names: string[]): Row =>
      Object.fromEntries(names.map((name) => [name, row[name] ?? null]));
    expect(rows.map((row) => row._dataset)).toEqual([
      'referrals',
      'assessments',
      'strategy_discussions',
      'cp_plans',
      'cp_reviews',
    ]);
    expect(
      pick(rows[0] as Row, [
        'referral_id',
        'child_id',
        'referral_date',
        'source',
        'primary_need_code',
        'closure_date',
      ]),
    ).toEqual({
      referral_id: referralId,
      child_id: childId,
      referral_date: '1970-10-06',
      source: '1A',
      primary_need_code: 'N4',
      closure_date: '1971-02-27',
    });
    expect(
      pick(rows[1] as Row, [
        'assessment_id',
        'referral_id',
        'start_date',
        'authorised_date',
        'factors',
        'child_seen_alone',
      ]),
    ).toEqual({
      assessment_id: generatedId('assessment', [referralId, '1']),
      referral_id: referralId,
      start_date: '1970-06-03',
      authorised_date: '1971-07-18',
      factors: '2A;2B',
      child_seen_alone: null,
    });
    expect(
      pick(rows[2] as Row, [
        'strategy_date',
        's47_start_date',
        'icpc_date',
        'icpc_not_required',
        'concern_category',
        'sarc_invited',
      ]),
    ).toEqual({
      strategy_date: '1970-06-02',
      s47_start_date: '1970-06-02',
      icpc_date: '1970-06-17',
      icpc_not_required: false,
      concern_category: null,
      sarc_invited: null,
    });
    expect(
      pick(rows[3] as Row, [
        'plan_id',
        'start_date',
        'end_date',
        'initial_category',
        'latest_category',
        'previous_plans',
      ]),
    ).toEqual({
      plan_id: planId,
      start_date: '1970-02-17',
      end_date: '1971-03-14',
      initial_category: 'PHY',
      latest_category: 'PHY',
      previous_plans: 10,
    });
    expect(pick(rows[4] as Row, ['review_id', 'plan_id', 'review_date'])).toEqual({
      review_id: generatedId('review', [planId, '1']),
      plan_id: planId,
      review_date: '1971-02-15',
    });
  });

  it('gives the same ids when the same file is loaded again', async () => {
    const first = await parquetRows((await validateFile(SAMPLE)).outputPath);
    const second = await parquetRows((await validateFile(SAMPLE)).outputPath);
    const ids = (rows: Row[]): unknown[] =>
      rows.map((row) => [
        row.child_id,
        row.referral_id,
        row.assessment_id,
        row.strategy_id,
        row.plan_id,
        row.review_id,
      ]);
    expect(ids(second)).toEqual(ids(first));
  });

  it('gives every record its own key when a child is listed twice, so no key repeats within the file', async () => {
    const result = await validateXml(censusXml('2022-03-31', [child(), child()]));
    const rows = await parquetRows(result.outputPath);
    const keyOf: Record<string, string> = {
      referrals: 'referral_id',
      assessments: 'assessment_id',
      strategy_discussions: 'strategy_id',
      cp_plans: 'plan_id',
      cp_reviews: 'review_id',
    };
    const keys = rows.map(
      (row) => `${String(row._dataset)} ${String(row[keyOf[String(row._dataset)] ?? ''])}`,
    );
    // Each child: a referral, an assessment, an S47, a plan and two reviews.
    expect(rows).toHaveLength(12);
    expect(new Set(keys).size).toBe(12);
    // The first listing keeps the ids a child listed once has.
    const referralIds = rows.filter((row) => row._dataset === 'referrals').map((row) => row.referral_id);
    expect(referralIds).toContain(
      generatedId('referral', [pseudonymiseChildId(KEY, 'LA0001'), '2021-06-01', '1']),
    );
  });

  it('keeps no UPN, former UPN, birth date, ethnicity, disability or raw LAchildID in what it writes', async () => {
    const result = await validateFile(SAMPLE);
    const parquet = await readFile(result.outputPath ?? '');
    const text = JSON.stringify({ rows: await parquetRows(result.outputPath), findings: result.findings });
    for (const secret of [
      'A123456789123',
      'X98765432123B',
      '1966-03-24',
      '1966-03-22',
      '1980-10-08',
      'WBRI',
      'HAND',
      'HEAR',
      'DfEX0000001',
    ]) {
      expect(text).not.toContain(secret);
      expect(parquet.includes(Buffer.from(secret))).toBe(false);
    }
  });
});

describe('census schema variants', () => {
  it('accepts Sex in place of GenderCurrent, a namespace prefix-free file without optional blocks, and xs:date time zones', async () => {
    const result = await validateXml(
      censusXml('2018-03-31', [
        { laChildId: 'A1', sexElement: 'Sex', episodes: [{ referralDate: '2017-05-01Z' }] },
        child({ laChildId: 'A2' }),
      ]),
    );
    expect(result.status).toBe('accepted');
    expect(result.findings.filter((f) => f.kind !== 'warning')).toEqual([]);
    expect(result.recordCounts).toEqual({
      children: 2,
      referrals: 2,
      assessments: 1,
      strategy_discussions: 1,
      cp_plans: 1,
      cp_reviews: 2,
    });
  });
});

describe('a census file that is not well-formed XML', () => {
  it('is rejected with the line and column where the parser stopped, and writes nothing', async () => {
    const xml = censusXml('2022-03-31', [child()]).replace('</ReferralSource>', '</ReferalSource>');
    const result = await validateXml(xml, 'cin_census_20220601.xml');
    expect(result.status).toBe('rejected');
    expect(result.outputPath).toBeNull();
    expect(result.findings).toEqual([
      {
        kind: 'file_rejected',
        dataset: 'cin_census',
        fileName: 'cin_census_20220601.xml',
        line: 32,
        column: null,
        value: null,
        rule: 'malformed_xml',
        message:
          'cin_census_20220601.xml is not well-formed XML: line 32, column 41: unexpected close tag. (rule: malformed_xml)',
      },
    ]);
  });

  it('is rejected when it is XML of another kind, or has no census date', async () => {
    const other = await validateXml('<Workforce><Staff/></Workforce>');
    expect(other.findings.map((f) => [f.rule, f.message])).toEqual([
      [
        'not_cin_census',
        'cin_census_20220523.xml is not a CIN census: it has the root element Workforce, where a CIN census has Message (rule: not_cin_census)',
      ],
    ]);
    const undated = await validateXml(
      censusXml('2022-03-31', [child()]).replace(/<ReferenceDate>.*<\/ReferenceDate>/, ''),
    );
    expect(undated.findings.map((f) => [f.rule, f.message])).toEqual([
      [
        'missing_reference_date',
        'cin_census_20220523.xml has no Header/CollectionDetails/ReferenceDate, so its census year is unknown (rule: missing_reference_date)',
      ],
    ]);
  });
});

describe('a census file with invalid codes and dates', () => {
  it('quarantines each record with a bad value, naming the element, line and child, and loads the rest', async () => {
    const children: GeneratedChild[] = [];
    for (let n = 1; n <= 20; n += 1) children.push(child({ laChildId: `LA${n}` }));
    children[2] = child({
      laChildId: 'LA3',
      episodes: [
        {
          referralDate: '2021-06-01',
          referralSource: '1Z',
          plans: [{ start: '2021-06-20', initial: 'ABC', reviews: ['2021-09-10'] }],
        },
      ],
    });
    children[4] = child({
      laChildId: 'LA5',
      episodes: [
        {
          referralDate: '2021-07-01',
          assessments: [{ start: '2021-31-02', factors: ['16A', '99Z'] }],
          section47s: [{ start: '2021-07-02', icpc: '2021-07-01', icpcNotRequired: 'maybe' }],
        },
      ],
    });
    children[6] = child({ laChildId: '' });
    const xml = censusXml('2022-03-31', children);
    const result = await validateXml(xml);
    expect(result.status).toBe('accepted');
    const quarantined = result.findings.filter((f) => f.kind === 'row_quarantined');
    expect(quarantined.map((f) => f.message)).toEqual([
      'cin_census_20220523.xml line 114, child 3, referral 1, ReferralSource: "1Z" is not a code of the referral source list (rule: code_list)',
      'cin_census_20220523.xml line 118, child 3, referral 1, ChildProtectionPlans 1, InitialCategoryOfAbuse: "ABC" is not a code of the category of abuse list (rule: code_list)',
      'cin_census_20220523.xml line 119, child 3, referral 1, ChildProtectionPlans 1, LatestCategoryOfAbuse: "ABC" is not a code of the category of abuse list (rule: code_list)',
      'cin_census_20220523.xml line 122, child 3, referral 1, ChildProtectionPlans 1, review 1, CPPreviewDate: the record belongs to a plan that was quarantined, so it cannot be loaded (rule: plan_quarantined)',
      'cin_census_20220523.xml line 183, child 5, referral 1, assessment 1, AssessmentActualStartDate: "2021-31-02" is not a date YYYY-MM-DD (rule: date_format)',
      'cin_census_20220523.xml line 186, child 5, referral 1, assessment 1, AssessmentFactors: "99Z" is not a code of the assessment factor list (rule: code_list)',
      'cin_census_20220523.xml line 191, child 5, referral 1, Section47 1, DateOfInitialCPC: "2021-07-01" is before S47ActualStartDate (2021-07-02) (rule: not_before)',
      'cin_census_20220523.xml line 192, child 5, referral 1, Section47 1, ICPCnotRequired: "maybe" is not true, false, 1 or 0 (rule: flag_format)',
      "cin_census_20220523.xml line 240, child 7, LAchildID: the element is missing, so none of this child's 6 record(s) can be loaded (rule: required)",
    ]);
    expect(quarantined.map((f) => [f.line, f.column, f.value, f.rule])[0]).toEqual([
      114,
      'ReferralSource',
      '1Z',
      'code_list',
    ]);
    // 18 children of 6 records, children 3 and 5 of 3 each: 114 records; 3 + 2 + 6 failing (9.6%, under 10%).
    expect(result).toMatchObject({ rowsRead: 114, rowsQuarantined: 11, rowsAccepted: 103 });
    const lines = xml.split('\n');
    for (const finding of quarantined) {
      expect(lines[(finding.line ?? 0) - 1]).toContain(
        `<${finding.column === 'LAchildID' ? 'LAchildID' : finding.column}`,
      );
    }
  });

  it('rejects the file when more than 10% of its records fail', async () => {
    const children = [child({ laChildId: 'LA1' }), child({ laChildId: '' })];
    const result = await validateXml(censusXml('2022-03-31', children));
    expect(result.status).toBe('rejected');
    expect(result.reason).toBe(
      'cin_census_20220523.xml has 6 of 12 records (50.0%) failing rules, more than the 10% allowed.',
    );
  });
});

describe('dates far outside the census year', () => {
  it('warns about a date after the census date or more than 18 years before the year, and still loads the record', async () => {
    const result = await validateXml(
      censusXml('2022-03-31', [
        child({ episodes: [{ referralDate: '2022-04-02', closureDate: '2022-05-01' }] }),
        child({ laChildId: 'B', episodes: [{ referralDate: '2003-03-31' }] }),
        child({ laChildId: 'C', episodes: [{ referralDate: '2003-04-01' }] }),
      ]),
    );
    expect(result.status).toBe('accepted');
    expect(result.findings.map((f) => [f.kind, f.column, f.value, f.rule])).toEqual([
      ['warning', 'CINreferralDate', '2022-04-02', 'outside_census_year'],
      ['warning', 'CINclosureDate', '2022-05-01', 'outside_census_year'],
      ['warning', 'CINreferralDate', '2003-03-31', 'outside_census_year'],
    ]);
    expect(result.findings[0]?.message).toContain(
      'is after the census date 2022-03-31; the record is loaded, but check the date',
    );
    expect(result.recordCounts?.referrals).toBe(3);
  });
});

it('the sample fixture is the DfE sample (kept in the repository so tests never reach outside it)', () => {
  expect(readFileSync(SAMPLE, 'utf8')).toContain('<LAchildID>DfEX0000001</LAchildID>');
});
