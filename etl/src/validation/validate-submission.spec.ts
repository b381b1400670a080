import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { withWarehouse, sqlString, type Row } from '@oscp/warehouse';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverInbox } from '../inbox';
import type { Dataset, ValidationResult } from '../types';
import { loadContracts } from '../contracts';
import {
  acceptedRowColumns,
  checkThreads,
  ONE_THREAD_BELOW_BYTES,
  validateSubmission,
} from './validate-submission';

let workDir = '';
let counter = 0;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'oscp-validate-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function validateText(
  dataset: Dataset,
  text: string | Buffer,
  fileName = `${dataset}_20250407.csv`,
  rejectThresholdPct = 10,
): Promise<ValidationResult> {
  counter += 1;
  const path = join(workDir, `${counter}-${fileName}`);
  await writeFile(path, text);
  return validateSubmission({
    path,
    fileName,
    dataset,
    extractDate: '2025-04-07',
    format: 'csv',
    outputPath: join(workDir, `${counter}.parquet`),
    rejectThresholdPct,
  });
}

async function parquetRows(path: string | null): Promise<Row[]> {
  if (path === null) throw new Error('no Parquet written');
  return withWarehouse({ path: ':memory:' }, (warehouse) =>
    warehouse.all(`select * from read_parquet(${sqlString(path)}) order by _line`),
  );
}

async function parquetTypes(path: string | null): Promise<Record<string, string>> {
  if (path === null) throw new Error('no Parquet written');
  const rows = await withWarehouse({ path: ':memory:' }, (warehouse) =>
    warehouse.all<{ column_name: string; column_type: string }>(
      `describe select * from read_parquet(${sqlString(path)})`,
    ),
  );
  return Object.fromEntries(rows.map((row) => [row.column_name, row.column_type]));
}

const CONTACTS_HEADER = 'contact_id,child_id,contact_datetime,source,decision_datetime,outcome';
function contactRows(count: number, from = 1): string[] {
  return Array.from(
    { length: count },
    (_, i) => `CT${String(from + i).padStart(4, '0')},CH0001,2024-04-01T09:00,1A,2024-04-01T10:00,NFA`,
  );
}

describe('validateSubmission', () => {
  it('writes typed columns in contract order plus _line, with canonical codes', async () => {
    const result = await validateText(
      'partner_returns',
      'agency,indicator_code,period,numerator,denominator,note\nPolice,pt04,2024-25 q3,252,,"revised, again"\nhealth,PT05,2024-25 Q1,86,100,\n',
    );
    expect(result.status).toBe('accepted');
    expect(await parquetTypes(result.outputPath)).toEqual({
      agency: 'VARCHAR',
      indicator_code: 'VARCHAR',
      period: 'VARCHAR',
      numerator: 'DOUBLE',
      denominator: 'DOUBLE',
      note: 'VARCHAR',
      _line: 'INTEGER',
    });
    expect(await parquetRows(result.outputPath)).toEqual([
      {
        agency: 'POLICE',
        indicator_code: 'PT04',
        period: '2024-25 Q3',
        numerator: 252,
        denominator: null,
        note: 'revised, again',
        _line: 2,
      },
      {
        agency: 'HEALTH',
        indicator_code: 'PT05',
        period: '2024-25 Q1',
        numerator: 86,
        denominator: 100,
        note: null,
        _line: 3,
      },
    ]);
  });

  it('writes exactly the columns acceptedRowColumns announces', async () => {
    const result = await validateText('cp_reviews', 'review_id,plan_id,review_date\nRV1,P1,2024-05-01\n');
    const announced = acceptedRowColumns(loadContracts().datasets.cp_reviews);
    expect(Object.entries(await parquetTypes(result.outputPath))).toEqual(announced);
  });

  it('types dates, datetimes (London wall clock), flags, integers and code lists', async () => {
    const assessments = await validateText(
      'assessments',
      'assessment_id,child_id,referral_id,start_date,authorised_date,factors,child_seen_alone\nAS1,CH1,,01/04/2024,2024-05-01,1a; 16A,y\nAS2,CH2,RF2,2024-04-02,,,\n',
    );
    expect(await parquetTypes(assessments.outputPath)).toMatchObject({
      start_date: 'DATE',
      authorised_date: 'DATE',
      factors: 'VARCHAR[]',
      child_seen_alone: 'BOOLEAN',
    });
    expect(await parquetRows(assessments.outputPath)).toEqual([
      {
        assessment_id: 'AS1',
        child_id: 'CH1',
        referral_id: null,
        start_date: '2024-04-01',
        authorised_date: '2024-05-01',
        factors: ['1A', '16A'],
        child_seen_alone: true,
        _line: 2,
      },
      {
        assessment_id: 'AS2',
        child_id: 'CH2',
        referral_id: 'RF2',
        start_date: '2024-04-02',
        authorised_date: null,
        factors: null,
        child_seen_alone: null,
        _line: 3,
      },
    ]);
    const contacts = await validateText(
      'contacts',
      `${CONTACTS_HEADER}\nCT1,CH1,2024-06-30T23:30:00Z,6,01/07/2024 09:00,referral\n`,
    );
    expect(await parquetTypes(contacts.outputPath)).toMatchObject({ contact_datetime: 'TIMESTAMP' });
    expect(await parquetRows(contacts.outputPath)).toEqual([
      {
        contact_id: 'CT1',
        child_id: 'CH1',
        contact_datetime: '2024-07-01 00:30:00',
        source: '6',
        decision_datetime: '2024-07-01 09:00:00',
        outcome: 'REFERRAL',
        _line: 2,
      },
    ]);
    const plans = await validateText(
      'cp_plans',
      'plan_id,child_id,start_date,initial_category,previous_plans\nP1,CH1,2024-04-01,neg,2\n',
    );
    expect(await parquetTypes(plans.outputPath)).toMatchObject({ previous_plans: 'INTEGER' });
    expect(await parquetRows(plans.outputPath)).toEqual([
      {
        plan_id: 'P1',
        child_id: 'CH1',
        start_date: '2024-04-01',
        end_date: null,
        initial_category: 'NEG',
        latest_category: null,
        previous_plans: 2,
        _line: 2,
      },
    ]);
  });

  it('normalises headers: trimmed, lower-cased, spaces and hyphens to _, any order, with a BOM', async () => {
    const result = await validateText(
      'referrals',
      '\uFEFF  SOURCE,Referral_ID ,Child-ID,Referral Date,closure_date,Contact_Id,PRIMARY  NEED - CODE\n2A,RF1,CH1,2022-06-20,,CT1, n9 \n',
    );
    expect(result.status).toBe('accepted');
    expect(result.findings).toEqual([]);
    expect(await parquetRows(result.outputPath)).toEqual([
      {
        referral_id: 'RF1',
        child_id: 'CH1',
        referral_date: '2022-06-20',
        source: '2A',
        contact_id: 'CT1',
        primary_need_code: 'N9',
        closure_date: null,
        _line: 2,
      },
    ]);
  });

  it('accepts exactly 10% failing rows and rejects one more, naming the file', async () => {
    const atThreshold = await validateText(
      'contacts',
      [CONTACTS_HEADER, ...contactRows(9), 'CT9999,CH1,2024-04-01T09:00,XX,,', ''].join('\n'),
    );
    expect(atThreshold.status).toBe('accepted');
    expect(atThreshold.rowsRead).toBe(10);
    expect(atThreshold.rowsQuarantined).toBe(1);
    expect(atThreshold.rowsAccepted).toBe(9);
    const over = await validateText(
      'contacts',
      [
        CONTACTS_HEADER,
        ...contactRows(8),
        'CT9998,CH1,2024-04-01T09:00,XX,,',
        'CT9999,CH1,2024-04-01T09:00,XX,,',
        '',
      ].join('\n'),
      'contacts_20250408.csv',
      10,
    );
    const justOver = await validateText(
      'contacts',
      [
        CONTACTS_HEADER,
        ...contactRows(9),
        'CT9998,CH1,2024-04-01T09:00,XX,,',
        'CT9999,CH1,2024-04-01T09:00,XX,,',
        '',
      ].join('\n'),
    );
    expect(over.status).toBe('rejected');
    expect(over.reason).toContain('contacts_20250408.csv');
    expect(over.reason).toContain('2 of 10 rows');
    expect(justOver.status).toBe('rejected'); // 2 of 11 = 18%
    expect(over.outputPath).toBeNull();
    expect(over.rowsAccepted).toBe(0);
  });

  it('uses the configured threshold', async () => {
    const text = [CONTACTS_HEADER, ...contactRows(3), 'CT9999,CH1,2024-04-01T09:00,XX,,', ''].join('\n');
    expect((await validateText('contacts', text, undefined, 25)).status).toBe('accepted');
    expect((await validateText('contacts', text, undefined, 24)).status).toBe('rejected');
  });

  it('quarantines a row once however many findings it has', async () => {
    const result = await validateText(
      'contacts',
      [CONTACTS_HEADER, ...contactRows(19), 'CT 1,,not a date,XX,,', ''].join('\n'),
    );
    expect(result.rowsQuarantined).toBe(1);
    expect(result.findings.map((f) => [f.line, f.column, f.rule])).toEqual([
      [21, 'contact_id', 'id_format'],
      [21, 'child_id', 'required'],
      [21, 'contact_datetime', 'datetime_format'],
      [21, 'source', 'code_list'],
    ]);
  });

  it('writes plain-English messages naming file, line, column, value and rule', async () => {
    const result = await validateText(
      'contacts',
      [
        CONTACTS_HEADER,
        ...contactRows(13),
        'CT0014,Jane Smith,2023-01-02 10:00,1A,2023-01-01 09:00,NFA',
        ...contactRows(10, 15),
        '',
      ].join('\n'),
      'contacts_20250407.csv',
    );
    expect(result.findings).toEqual([
      {
        kind: 'row_quarantined',
        dataset: 'contacts',
        fileName: 'contacts_20250407.csv',
        line: 15,
        column: 'child_id',
        value: 'Ja…(10)',
        rule: 'id_format',
        message:
          'contacts_20250407.csv line 15, column child_id: "Ja…(10)" is not an identifier (1-64 letters, digits, "_" or "-") (rule: id_format)',
      },
      {
        kind: 'row_quarantined',
        dataset: 'contacts',
        fileName: 'contacts_20250407.csv',
        line: 15,
        column: 'decision_datetime',
        value: '2023-01-01 09:00',
        rule: 'not_before',
        message:
          'contacts_20250407.csv line 15, column decision_datetime: "2023-01-01 09:00" is before contact_datetime "2023-01-02 10:00" (rule: not_before)',
      },
    ]);
    expect(JSON.stringify(result.findings)).not.toContain('Jane');
  });

  it('quarantines every copy of a duplicate key', async () => {
    const result = await validateText(
      'contacts',
      [CONTACTS_HEADER, ...contactRows(20), 'CT0003,CH0002,2024-04-02T09:00,2A,,', ''].join('\n'),
    );
    expect(result.status).toBe('accepted');
    expect(result.rowsQuarantined).toBe(2);
    expect(result.findings.map((f) => [f.line, f.column, f.value, f.rule])).toEqual([
      [4, 'contact_id', 'CT…(6)', 'duplicate_key'],
      [22, 'contact_id', 'CT…(6)', 'duplicate_key'],
    ]);
    const lines = (await parquetRows(result.outputPath)).map((row) => row._line);
    expect(lines).not.toContain(4);
    expect(lines).not.toContain(22);
    expect(lines).toHaveLength(19);
  });

  it('names at most five other lines of a repeated key and counts the rest', async () => {
    const header = 'agency,indicator_code,period,numerator,denominator,note';
    const copies = Array.from({ length: 8 }, () => 'POLICE,PT04,2024-25 Q1,1,,');
    const result = await validateText('partner_returns', [header, ...copies, ''].join('\n'), undefined, 100);
    const duplicates = result.findings.filter((finding) => finding.rule === 'duplicate_key');
    expect(duplicates).toHaveLength(8);
    expect(duplicates[0]?.message).toContain('(also line 3, 4, 5, 6, 7 and 2 more)');
    expect(duplicates[7]?.message).toContain('(also line 2, 3, 4, 5, 6 and 2 more)');
    expect(duplicates[2]?.message).toContain('(also line 2, 3, 5, 6, 7 and 2 more)');
  });

  it('counts lines as records when a quoted cell holds a line break', async () => {
    const result = await validateText(
      'partner_returns',
      'agency,indicator_code,period,numerator,denominator,note\nPOLICE,PT04,2024-25 Q1,1,,"two\nlines"\nPOLICE,PT04,2024-25 Q2,x,,\n',
      'partner_returns_20250407.csv',
      100,
    );
    expect(result.findings.map((f) => [f.line, f.column, f.rule])).toEqual([
      [3, 'numerator', 'number_format'],
    ]);
  });

  it('adds missing optional columns as NULL and ignores unknown ones with one warning', async () => {
    const result = await validateText(
      'cp_reviews',
      'review_id,plan_id,review_date,Team,Worker Notes\nRV1,P1,2024-05-01,North,\n',
    );
    expect(result.findings.map((f) => [f.kind, f.line, f.rule])).toEqual([['warning', 1, 'unknown_column']]);
    expect(result.findings[0]?.message).toContain('team, worker_notes');
    const strategy = await validateText(
      'strategy_discussions',
      'strategy_id,child_id,strategy_date,concern_category\nSD1,CH1,2024-05-01,SAB\n',
    );
    expect(await parquetRows(strategy.outputPath)).toEqual([
      {
        strategy_id: 'SD1',
        child_id: 'CH1',
        strategy_date: '2024-05-01',
        concern_category: 'SAB',
        sarc_invited: null,
        s47_start_date: null,
        icpc_date: null,
        icpc_not_required: null,
        _line: 2,
      },
    ]);
  });

  it('accepts a file with a header and no rows, writing an empty Parquet', async () => {
    const result = await validateText('contacts', `${CONTACTS_HEADER}\n\n`);
    expect(result).toMatchObject({ status: 'accepted', rowsRead: 0, rowsAccepted: 0, rowsQuarantined: 0 });
    expect(await parquetRows(result.outputPath)).toEqual([]);
  });

  it('skips blank lines without renumbering the others', async () => {
    const result = await validateText(
      'contacts',
      [CONTACTS_HEADER, ...contactRows(10), '', ',,,,,', 'CT9999,CH1,2024-04-01T09:00,XX,,', ''].join('\n'),
      undefined,
      100,
    );
    expect(result.rowsRead).toBe(11);
    expect(result.findings.map((f) => f.line)).toEqual([14]);
  });

  it('rejects a personal-data column, naming it', async () => {
    const result = await validateText(
      'contacts',
      `${CONTACTS_HEADER},NHS Number\nCT1,CH1,2024-04-01T09:00,1A,,,943 476 5919\n`,
    );
    expect(result.status).toBe('rejected');
    expect(result.reason).toContain('nhs_number');
    expect(JSON.stringify(result)).not.toContain('943');
  });

  it.each([
    ['Child Name', 'child_name'],
    ['ChildName', 'childname'],
    ['Mother  SURNAME', 'mother_surname'],
    ['Home Address 1', 'home_address_1'],
    ['Post Code', 'post_code'],
    ['DateOfBirth', 'dateofbirth'],
    ['Child DOB', 'child_dob'],
    ['NHS No.', 'nhs_no.'],
    ['Pupil UPN', 'pupil_upn'],
    ['Carer Phone', 'carer_phone'],
    ['Parent E-mail', 'parent_e_mail'],
  ])('rejects the personal-data column "%s" in any case or spacing, naming it', async (header, shown) => {
    const result = await validateText(
      'contacts',
      `${CONTACTS_HEADER},${header}\nCT1,CH1,2024-04-01T09:00,1A,,,Sam\n`,
    );
    expect(result.status).toBe('rejected');
    expect(result.findings[0]).toMatchObject({ rule: 'personal_data_column', column: shown });
    expect(result.reason).toContain(shown);
    expect(JSON.stringify(result)).not.toContain('Sam');
  });

  it('rejects a file that is not UTF-8', async () => {
    const result = await validateText(
      'bank_holidays',
      Buffer.from([...Buffer.from('date,title\n2024-12-24,Caf'), 0xe9, 0x0a]),
    );
    expect(result.status).toBe('rejected');
    expect(result.reason).toBe('bank_holidays_20250407.csv is not UTF-8 text.');
  });
});

describe('validateSubmission on XLSX', () => {
  it('rejects a workbook whose header is not in row 1', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Data');
    sheet.getRow(3).values = ['review_id', 'plan_id', 'review_date'];
    sheet.getRow(4).values = ['RV1', 'P1', '2024-05-01'];
    const path = join(workDir, 'cp_reviews_20250407.xlsx');
    await workbook.xlsx.writeFile(path);
    const result = await validateSubmission({
      path,
      fileName: 'cp_reviews_20250407.xlsx',
      dataset: 'cp_reviews',
      extractDate: '2025-04-07',
      format: 'xlsx',
      outputPath: join(workDir, 'xlsx-header.parquet'),
      rejectThresholdPct: 10,
    });
    expect(result.status).toBe('rejected');
    expect(result.reason).toBe('cp_reviews_20250407.xlsx has no header in row 1.');
  });

  it('takes the date of an Excel date cell in a date column', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Data');
    sheet.addRow(['review_id', 'plan_id', 'review_date']);
    sheet.addRow(['RV1', 'P1', new Date(Date.UTC(2024, 4, 1))]).getCell(3).numFmt = 'dd/mm/yyyy';
    sheet.addRow(['RV2', 'P1', '02/05/2024']);
    const path = join(workDir, 'cp_reviews_20250408.xlsx');
    await workbook.xlsx.writeFile(path);
    const result = await validateSubmission({
      path,
      fileName: 'cp_reviews_20250408.xlsx',
      dataset: 'cp_reviews',
      extractDate: '2025-04-08',
      format: 'xlsx',
      outputPath: join(workDir, 'xlsx-dates.parquet'),
      rejectThresholdPct: 10,
    });
    expect(result.findings).toEqual([]);
    expect(await parquetRows(result.outputPath)).toEqual([
      { review_id: 'RV1', plan_id: 'P1', review_date: '2024-05-01', _line: 2 },
      { review_id: 'RV2', plan_id: 'P1', review_date: '2024-05-02', _line: 3 },
    ]);
  });
});

describe('the sample inbox', () => {
  const sampleDir = resolve(__dirname, '..', '..', '..', '..', 'shared', 'reference', 'sample');
  const available = existsSync(join(sampleDir, 'expected-scorecards.json'));

  it.runIf(available)(
    'quarantines the rows the reference counts (cp_reviews orphans come later, from the builder)',
    async () => {
      const expected = (
        JSON.parse(readFileSync(join(sampleDir, 'expected-scorecards.json'), 'utf8')) as {
          quarantinedRows: Record<string, number>;
        }
      ).quarantinedRows;
      const { files, problems } = await discoverInbox(join(sampleDir, 'inbox'));
      expect(problems).toEqual([]);
      const quarantined: Record<string, number> = {};
      for (const file of files) {
        const result = await validateSubmission({
          ...file,
          outputPath: join(workDir, `sample-${file.fileName}.parquet`),
          rejectThresholdPct: 10,
        });
        expect(result.status, file.fileName).toBe('accepted');
        quarantined[file.dataset] = (quarantined[file.dataset] ?? 0) + result.rowsQuarantined;
      }
      const { cp_reviews: reviews, ...others } = quarantined;
      const { cp_reviews: expectedReviews, ...expectedOthers } = expected;
      expect(others).toEqual(expectedOthers);
      expect(reviews).toBeLessThanOrEqual(expectedReviews ?? 0);
    },
    // Every file of the sample inbox, each read by its own DuckDB instance: seconds of work, like
    // the parity suite's sample case, not the few milliseconds the 5 s default is meant for.
    60_000,
  );
});

describe('checkThreads', () => {
  it('checks a file under 16 MiB on one DuckDB thread and a larger one on every core', () => {
    expect(ONE_THREAD_BELOW_BYTES).toBe(16 * 1024 * 1024);
    expect(checkThreads(0)).toBe(1);
    expect(checkThreads(ONE_THREAD_BELOW_BYTES - 1)).toBe(1);
    expect(checkThreads(ONE_THREAD_BELOW_BYTES)).toBeUndefined();
    expect(checkThreads(58_000_000)).toBeUndefined();
  });
});
