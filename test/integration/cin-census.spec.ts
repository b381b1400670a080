/**
 * The DfE children in need census sample, loaded by the built CLI into a real PostgreSQL and
 * DuckDB: its records reach the scorecard's drill-through, bad census files are rejected with
 * exact findings and change nothing published, and no UPN, birth date or raw LAchildID is left
 * in PostgreSQL, DuckDB, the data folder or the logs.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IndicatorRecord, Page, RunDetail, Scorecard } from '@oscp/contracts';
import { withWarehouse } from '@oscp/warehouse';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runOscp, type ProcessResult } from '../support/cli';
import { startTestApp, waitFor, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { userWithRoles, type SignedIn } from './auth-helpers';

const SAMPLE = join(REPO_ROOT, 'test', 'fixtures', 'cin-census', 'cin_census_20220523.xml');
const RUN_DATE = '2022-05-23';
/** What the sample holds that must never be stored: UPN, former UPN, birth, expected birth and death dates, the LA's child id. */
const NEVER_STORED = [
  'A123456789123',
  'X98765432123B',
  '1966-03-24',
  '1966-03-22',
  '1980-10-08',
  'DfEX0000001',
];

let database: TestDatabase;
let work: string;
let inbox: string;
const logs: string[] = [];

async function etlRun(): Promise<ProcessResult> {
  const result = await runOscp(['etl', 'run', '--inbox', inbox, '--run-date', RUN_DATE], {
    ...database.env,
    // Everything the service logs, so the search below covers the most talkative level.
    LOG_LEVEL: 'debug',
  });
  logs.push(result.stdout, result.stderr);
  return result;
}

beforeAll(async () => {
  database = await createTestDatabase();
  work = mkdtempSync(join(tmpdir(), 'oscp-cin-census-'));
  inbox = join(work, 'inbox');
  mkdirSync(join(inbox, 'cin_census'), { recursive: true });
  copyFileSync(SAMPLE, join(inbox, 'cin_census', 'cin_census_20220523.xml'));
});

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await database?.drop();
});

describe('loading the DfE CIN census sample', () => {
  let first: ProcessResult;
  let app: TestApp;
  let analyst: SignedIn;
  let snapshotId: string;

  beforeAll(async () => {
    first = await etlRun();
    snapshotId = /Published snapshot ([0-9a-f-]{36})\./.exec(first.stdout)?.[1] ?? '';
    app = await startTestApp({ env: database.env });
    analyst = await userWithRoles(app.app, ['analyst']);
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = (path: string) => request(app.server).get(path).set('cookie', analyst.cookie);

  it('publishes a snapshot and says what the census gave, by kind, and which source fed each quarter', () => {
    expect(first.code).toBe(0);
    expect(snapshotId).not.toBe('');
    expect(first.stdout).toContain(
      'accepted  cin_census/cin_census_20220523.xml: 5 records loaded (1 child, 1 referral, 1 assessment, 1 section 47 enquiry, 1 child protection plan, 1 review), 0 quarantined',
    );
    expect(first.stdout).toContain(
      'source    referrals 1970-71 Q3: the children in need census (newest: cin_census_20220523.xml, extract date 2022-05-23)',
    );
    expect(first.stdout).toContain(
      'source    referrals 2021-22 Q1 to 2021-22 Q4: the children in need census (newest: cin_census_20220523.xml, extract date 2022-05-23)',
    );
  });

  it('creates the child identifier key in the data folder, readable by its owner only', () => {
    const key = join(database.dataDir, 'cin-census-child-id.key');
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(readFileSync(key, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['FD06', '1970-71-Q3', 'numerator', 'referrals'],
    ['NG02', '1971-72-Q2', 'denominator', 'assessments'],
    ['CP02', '1970-71-Q1', 'denominator', 'strategy_discussions'],
    ['NG01', '1969-70-Q4', 'denominator', 'cp_plans'],
    ['CP04', '1970-71-Q4', 'denominator', 'cp_reviews'],
  ])(
    'shows the census %s record of %s (%s) in the drill-through: %s',
    async (code, period, part, dataset) => {
      const response = await get(`/api/indicators/${code}/records?period=${period}&part=${part}`);
      expect(response.status).toBe(200);
      const page = response.body as Page<IndicatorRecord>;
      expect(page.total).toBe(1);
      expect(page.items[0]?.dataset).toBe(dataset);
      expect(page.items[0]?.recordId).toMatch(/^cin-(referral|assessment|s47|plan|review)-[0-9a-f]{32}$/);
      if (dataset !== 'cp_reviews') expect(page.items[0]?.childId).toMatch(/^[0-9a-f]{64}$/);
    },
  );

  it('lists the census on the run page with its counts by kind and its findings by element', async () => {
    const runs = await get('/api/runs');
    const runId = (runs.body as { items: { id: string }[] }).items.at(-1)?.id ?? '';
    const detail = (await get(`/api/runs/${runId}?limit=100`)).body as RunDetail;
    expect(detail.submissions).toHaveLength(1);
    expect(detail.submissions[0]).toMatchObject({
      dataset: 'cin_census',
      fileName: 'cin_census_20220523.xml',
      status: 'accepted',
      rowsRead: 5,
      rowsAccepted: 5,
      recordCounts: {
        children: 1,
        referrals: 1,
        assessments: 1,
        strategy_discussions: 1,
        cp_plans: 1,
        cp_reviews: 1,
      },
    });
    expect(detail.findings.items.map((finding) => finding.column)).toEqual([
      'CINreferralDate',
      'CINclosureDate',
      'AssessmentActualStartDate',
      'AssessmentAuthorisationDate',
      'S47ActualStartDate',
      'DateOfInitialCPC',
      'CPPstartDate',
      'CPPendDate',
      'CPPreviewDate',
    ]);
    expect(detail.findingCounts).toContainEqual({
      fileName: 'cin_census_20220523.xml',
      column: 'CPPreviewDate',
      kind: 'warning',
      count: 1,
    });
    expect(detail.findingCounts).toHaveLength(9);
    expect(detail.sourcesByQuarter).toContainEqual({
      dataset: 'cp_plans',
      period: '1969-70 Q4',
      source: 'cin_census',
      fileName: 'cin_census_20220523.xml',
      extractDate: '2022-05-23',
    });
  });

  it('rejects a malformed census and one with invalid codes with exact findings, and changes nothing published', async () => {
    const before = (await get('/api/scorecard?period=1970-71-Q3')).body as Scorecard;
    const sample = readFileSync(SAMPLE, 'utf8');
    writeFileSync(
      join(inbox, 'cin_census', 'cin_census_20220601.xml'),
      sample.replace('</ReferralSource>', '</ReferalSource>'),
    );
    writeFileSync(
      join(inbox, 'cin_census', 'cin_census_20220602.xml'),
      sample
        .replace('<ReferralSource>1A</ReferralSource>', '<ReferralSource>1Z</ReferralSource>')
        .replace(
          '<InitialCategoryOfAbuse>PHY</InitialCategoryOfAbuse>',
          '<InitialCategoryOfAbuse>XYZ</InitialCategoryOfAbuse>',
        ),
    );
    const second = await etlRun();
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(
      'Nothing new to load: 2 file(s) rejected; the published snapshot stands.',
    );

    const runs = (await get('/api/runs')).body as { items: { id: string; status: string }[] };
    const latest = runs.items.find((run) => run.status === 'unchanged');
    const detail = (await get(`/api/runs/${latest?.id ?? ''}?limit=100`)).body as RunDetail;
    const findings = detail.findings.items
      .filter((finding) => finding.kind !== 'warning')
      .map(
        (finding) =>
          `${finding.kind} ${finding.fileName} ${finding.line ?? '-'} ${finding.column ?? '-'} ${finding.rule}: ${finding.message}`,
      );
    expect(findings).toEqual([
      'file_rejected cin_census_20220601.xml 38 - malformed_xml: cin_census_20220601.xml is not well-formed XML: line 38, column 50: unexpected close tag. (rule: malformed_xml)',
      'file_rejected cin_census_20220602.xml - - too_many_failing_rows: cin_census_20220602.xml has 3 of 5 records (60.0%) failing rules, more than the 10% allowed (rule: too_many_failing_rows)',
      'row_quarantined cin_census_20220602.xml 38 ReferralSource code_list: cin_census_20220602.xml line 38, child 1, referral 1, ReferralSource: "1Z" is not a code of the referral source list (rule: code_list)',
      'row_quarantined cin_census_20220602.xml 66 InitialCategoryOfAbuse code_list: cin_census_20220602.xml line 66, child 1, referral 1, ChildProtectionPlans 1, InitialCategoryOfAbuse: "XYZ" is not a code of the category of abuse list (rule: code_list)',
      'row_quarantined cin_census_20220602.xml 70 CPPreviewDate plan_quarantined: cin_census_20220602.xml line 70, child 1, referral 1, ChildProtectionPlans 1, review 1, CPPreviewDate: the record belongs to a plan that was quarantined, so it cannot be loaded (rule: plan_quarantined)',
    ]);
    const after = (await get('/api/scorecard?period=1970-71-Q3')).body as Scorecard;
    expect(after.snapshotId).toBe(snapshotId);
    expect(after).toEqual(before);
  });

  it('takes an uploaded census, loads it, and removes the XML from the inbox once read', async () => {
    const post = (path: string) =>
      request(app.server)
        .post(path)
        .set('cookie', analyst.cookie)
        .set('x-csrf-token', analyst.info.csrfToken);
    const refused = await post('/api/submissions')
      .field('dataset', 'cin_census')
      .attach('file', Buffer.from('a,b\n'), 'census.csv');
    expect(refused.status).toBe(400);
    expect((refused.body as { message: string }).message).toBe(
      'The children in need census is uploaded as its .xml file.',
    );
    // The sample with one more line at the end: other bytes, so a new submission.
    const upload = await post('/api/submissions')
      .field('dataset', 'cin_census')
      .field('extractDate', '2022-05-24')
      .attach('file', Buffer.from(`${readFileSync(SAMPLE, 'utf8')}\n`), 'census.xml');
    expect(upload.status).toBe(202);
    const { runId, submissionId } = upload.body as { runId: string; submissionId: string };
    const detail = await waitFor(
      async () => {
        const body = (await get(`/api/runs/${runId}`)).body as RunDetail;
        return body.status === 'running' ? undefined : body;
      },
      120_000,
      'the upload run',
    );
    expect(detail.status).toBe('published');
    expect(detail.submissions.find((row) => row.id === submissionId)).toMatchObject({
      dataset: 'cin_census',
      fileName: 'cin_census_20220524_upload1.xml',
      status: 'accepted',
      recordCounts: {
        children: 1,
        referrals: 1,
        assessments: 1,
        strategy_discussions: 1,
        cp_plans: 1,
        cp_reviews: 1,
      },
    });
    expect(existsSync(join(database.dataDir, 'inbox', 'cin_census', 'cin_census_20220524_upload1.xml'))).toBe(
      false,
    );
    // Same ids as the first load: the drill-through still has one plan, not two.
    const plans = (await get('/api/indicators/NG01/records?period=1969-70-Q4&part=denominator'))
      .body as Page<IndicatorRecord>;
    expect(plans.total).toBe(1);
  });

  it('leaves no UPN, birth date or raw LAchildID in PostgreSQL, DuckDB, the data folder or the logs', async () => {
    // Real PostgreSQL: every table read back. The embedded one keeps its files in the data
    // folder, which the byte search below covers.
    const client = await database.connect();
    const everything: string[] = [];
    if (client) {
      try {
        const tables = await client.query<{ name: string }>(
          `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
        );
        expect(tables.rows.length).toBeGreaterThan(5);
        for (const { name } of tables.rows) {
          const rows = await client.query(`select * from "${name}"`);
          everything.push(JSON.stringify(rows.rows));
        }
      } finally {
        await client.end();
      }
    }
    const snapshots = join(database.dataDir, 'snapshots');
    const files = readdirSync(snapshots).filter((name) => name.endsWith('.duckdb'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      await withWarehouse({ path: join(snapshots, file), readOnly: true }, async (warehouse) => {
        // Every table and view but `calendar`, which lists every day of the years the data spans
        // (so it holds 1980-10-08 as a day, the sample's death date, without it being anyone's).
        const relations = await warehouse.all<{ name: string }>(
          `select table_name as name from duckdb_tables() where table_name <> 'calendar'
           union all select view_name from duckdb_views() where not internal`,
        );
        // The census's referrals and plans are in the file as the intermediate tables made from
        // them (the staged records are not kept in a snapshot).
        expect(relations.map((relation) => relation.name)).toEqual(
          expect.arrayContaining([
            'int_referrals_rereferral_flagged',
            'int_cp_plans_history_flagged',
            'scorecard_record',
            'source_by_quarter',
          ]),
        );
        for (const { name } of relations) {
          const rows = await warehouse.all(`select * from "${name}"`);
          everything.push(JSON.stringify(rows));
        }
      });
    }
    const stored = filesUnder(database.dataDir).map((path) => readFileSync(path));
    const logText = logs.join('\n');
    expect(logText).toContain('ETL run');
    for (const secret of NEVER_STORED) {
      expect(
        everything.some((text) => text.includes(secret)),
        `${secret} in a database`,
      ).toBe(false);
      expect(
        stored.some((bytes) => bytes.includes(Buffer.from(secret))),
        `${secret} in the data folder`,
      ).toBe(false);
      expect(logText.includes(secret), `${secret} in the logs`).toBe(false);
    }
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}
