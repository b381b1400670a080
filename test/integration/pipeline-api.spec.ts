import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type {
  ApiError,
  Page,
  RunDetail,
  RunStarted,
  RunSummary,
  TargetList,
  UploadAccepted,
} from '@oscp/contracts';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineService } from '../../apps/api/src/pipeline/pipeline.service';
import { RunAlreadyRunningError } from '../../apps/api/src/pipeline/run-lock';
import { runOscp } from '../support/cli';
import { signInAsAdmin, startTestApp, waitFor, type Session, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const FIXTURES = resolve(__dirname, '..', 'fixtures');
const OK_INBOX = join(FIXTURES, 'ok');
const RUN_DATE = '2025-06-30';

describe('runs and uploads over HTTP', () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let session: Session;
  let work: string;

  const get = (path: string) => request(testApp.server).get(path).set('cookie', session.cookie);
  const post = (path: string) =>
    request(testApp.server).post(path).set('cookie', session.cookie).set('x-csrf-token', session.csrf);

  async function finished(runId: string): Promise<RunDetail> {
    return waitFor(
      async () => {
        const response = await get(`/api/runs/${runId}`);
        const detail = response.body as RunDetail;
        return response.status === 200 && detail.status !== 'running' ? detail : undefined;
      },
      120_000,
      `run ${runId}`,
    );
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp({
      env: { ...database.env, OSCP_RUN_DATE: RUN_DATE, OSCP_UPLOAD_MAX_MB: '1' },
    });
    session = await signInAsAdmin(testApp);
    work = mkdtempSync(join(tmpdir(), 'oscp-pipeline-api-'));
    // The valid fixture inbox, published once, so later runs have a snapshot to keep.
    cpSync(OK_INBOX, join(database.dataDir, 'inbox'), { recursive: true });
    const started = (await post('/api/runs').expect(202)).body as RunStarted;
    const detail = await finished(started.runId);
    expect(detail.status).toBe('published');
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('needs a signed-in user for runs and uploads', async () => {
    expect((await request(testApp.server).get('/api/runs')).status).toBe(401);
    expect(
      (await request(testApp.server).post('/api/submissions').attach('file', Buffer.from('a'), 'x.csv'))
        .status,
    ).toBe(401);
  });

  it('lists runs newest first as a page', async () => {
    const page = (await get('/api/runs?limit=1').expect(200)).body as Page<RunSummary>;
    expect(page.limit).toBe(1);
    expect(page.offset).toBe(0);
    expect(page.total).toBeGreaterThanOrEqual(1);
    expect(page.items[0]?.status).toBe('published');
    const bad = (await get('/api/runs?limit=0').expect(400)).body as ApiError;
    expect(bad.fields?.[0]?.field).toBe('limit');
  });

  it('accepts an upload with 202 { submissionId, runId }, stores it in the inbox under its own name and loads it', async () => {
    const csv = readFileSync(join(OK_INBOX, 'referrals', 'referrals_20250401.csv'), 'utf8');
    // Same rows with a trailing blank line: different bytes, so a new submission.
    const response = await post('/api/submissions')
      .field('dataset', 'referrals')
      .field('extractDate', '2025-06-01')
      .attach('file', Buffer.from(`${csv}\n`), '../../etc/passwd.csv');
    expect(response.status).toBe(202);
    const accepted = response.body as UploadAccepted;
    const detail = await finished(accepted.runId);
    const submission = detail.submissions.find((row) => row.id === accepted.submissionId);
    expect(submission).toMatchObject({
      dataset: 'referrals',
      fileName: 'referrals_20250601_upload1.csv',
      status: 'accepted',
      extractDate: '2025-06-01',
    });
    expect(detail.status).toBe('published');
  });

  it('answers an upload of a file already loaded with its submission marked a duplicate', async () => {
    const bytes = readFileSync(join(OK_INBOX, 'cp_plans', 'cp_plans_20250401.csv'));
    const accepted = (
      await post('/api/submissions')
        .field('dataset', 'cp_plans')
        .attach('file', bytes, 'plans.csv')
        .expect(202)
    ).body as UploadAccepted;
    const detail = await finished(accepted.runId);
    expect(detail.status).toBe('unchanged');
    expect(detail.submissions.find((row) => row.id === accepted.submissionId)?.status).toBe(
      'skipped_duplicate',
    );
  });

  it('refuses other file types, missing fields and files over OSCP_UPLOAD_MAX_MB', async () => {
    const wrongType = (
      await post('/api/submissions')
        .field('dataset', 'contacts')
        .attach('file', Buffer.from('x'), 'contacts.txt')
        .expect(400)
    ).body as ApiError;
    expect(wrongType.message).toBe('Only .csv and .xlsx files can be uploaded.');
    const notZip = (
      await post('/api/submissions')
        .field('dataset', 'contacts')
        .attach('file', Buffer.from('a,b\n'), 'contacts.xlsx')
        .expect(400)
    ).body as ApiError;
    expect(notZip.fields).toEqual([{ field: 'file', message: 'must be an Excel workbook (.xlsx)' }]);
    const noDataset = (await post('/api/submissions').attach('file', Buffer.from('a\n'), 'a.csv').expect(400))
      .body as ApiError;
    expect(noDataset.fields?.map((field) => field.field)).toEqual(['dataset']);
    const badDate = (
      await post('/api/submissions')
        .field('dataset', 'contacts')
        .field('extractDate', '2025-02-30')
        .attach('file', Buffer.from('a\n'), 'a.csv')
        .expect(400)
    ).body as ApiError;
    expect(badDate.fields?.map((field) => field.field)).toEqual(['extractDate']);
    const tooBig = await post('/api/submissions')
      .field('dataset', 'contacts')
      .attach('file', Buffer.alloc(1_200_000, 'a'), 'big.csv');
    expect(tooBig.status).toBe(413);
    expect((tooBig.body as ApiError).message).toMatch(/larger than the 1 MB an upload may be/);
  });

  it('shows a run with its findings, filters them, and downloads them as formula-safe CSV', async () => {
    const header = 'contact_id,child_id,contact_datetime,source,decision_datetime,outcome';
    const good = Array.from({ length: 19 }, (_, i) => `CT9${i},CH9${i},2025-05-0${(i % 9) + 1}T10:00,6,,`);
    const body = [header, ...good, 'CT999,CH999,2025-05-02T10:00,=1+2,,'].join('\n');
    const accepted = (
      await post('/api/submissions')
        .field('dataset', 'contacts')
        .attach('file', Buffer.from(`${body}\n`), 'c.csv')
        .expect(202)
    ).body as UploadAccepted;
    const detail = await finished(accepted.runId);
    const quarantined = detail.findings.items.filter((finding) => finding.kind === 'row_quarantined');
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]).toMatchObject({
      dataset: 'contacts',
      line: 21,
      column: 'source',
      rule: 'code_list',
    });

    const filtered = (await get(`/api/runs/${accepted.runId}?rule=code_list&dataset=contacts`).expect(200))
      .body as RunDetail;
    expect(filtered.findings.total).toBe(1);
    const none = (await get(`/api/runs/${accepted.runId}?rule=no_such_rule`).expect(200)).body as RunDetail;
    expect(none.findings.total).toBe(0);

    const csv = await get(`/api/runs/${accepted.runId}/findings.csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(csv.text) as string[][];
    expect(rows[0]).toEqual(['kind', 'dataset', 'file', 'line', 'column', 'value', 'rule', 'message']);
    const cell = rows.find((row) => row[4] === 'source')?.[5];
    expect(cell).toBe(`'=1+2`);
    expect((await get('/api/runs/00000000-0000-4000-8000-000000000000').expect(404)).body).toMatchObject({
      statusCode: 404,
    });
  });

  it('audits every view and export of findings, and refuses control characters in filters with 400', async () => {
    const header = 'contact_id,child_id,contact_datetime,source,decision_datetime,outcome';
    const good = Array.from({ length: 19 }, (_, i) => `CT8${i},CH8${i},2025-05-0${(i % 9) + 1}T10:00,6,,`);
    const body = [header, ...good, 'CT899,CH899,2025-05-02T10:00,99,,'].join('\n');
    const accepted = (
      await post('/api/submissions')
        .field('dataset', 'contacts')
        .attach('file', Buffer.from(`${body}\n`), 'audited.csv')
        .expect(202)
    ).body as UploadAccepted;
    await finished(accepted.runId);
    const db = testApp.app.get(DataSource);
    const count = async (action: string): Promise<number> => {
      const rows = (await db.query(
        'select count(*)::int as n from audit_log where action = $1 and target = $2',
        [action, `run:${accepted.runId}`],
      )) as { n: number }[];
      return rows[0]?.n ?? 0;
    };
    const viewsBefore = await count('run.viewed');
    await get(`/api/runs/${accepted.runId}`).expect(200);
    expect(await count('run.viewed')).toBe(viewsBefore + 1);
    expect(await count('export.findings')).toBe(0);
    await get(`/api/runs/${accepted.runId}/findings.csv?rule=code_list`).expect(200);
    expect(await count('export.findings')).toBe(1);

    for (const field of ['dataset', 'rule']) {
      for (const path of [`/api/runs/${accepted.runId}`, `/api/runs/${accepted.runId}/findings.csv`]) {
        const response = await get(`${path}?${field}=a%00b`).timeout(5_000);
        expect(response.status, `${path} ${field}`).toBe(400);
        expect((response.body as ApiError).message).toMatch(/control character/);
      }
    }
    for (const query of [
      'action=%00',
      'actorEmail=a%00@example.org',
      'target=run%3A%00',
      'action=%1b%5b2J',
    ]) {
      const response = await get(`/api/audit?${query}`).timeout(5_000);
      expect(response.status, query).toBe(400);
    }
    expect((await get(`/api/runs/${accepted.runId}%00`).timeout(5_000)).status).toBe(400);
    expect((await get('/api/audit?action=%E0%A4%A').timeout(5_000)).status).toBe(400);
  });

  it('runs one ETL at a time: a second start while one runs is "already running" (409 over HTTP), not queued', async () => {
    const inbox = join(work, 'busy-inbox');
    cpSync(OK_INBOX, inbox, { recursive: true });
    // New bytes under a new name, so the first run validates and builds while the others try.
    const referrals = readFileSync(join(OK_INBOX, 'referrals', 'referrals_20250401.csv'), 'utf8');
    writeFileSync(join(inbox, 'referrals', 'referrals_20250402.csv'), `${referrals}\n\n`);
    const pipeline = testApp.app.get(PipelineService);
    const attempts = await Promise.allSettled([
      pipeline.start('manual', { inboxDir: inbox }),
      pipeline.start('manual', { inboxDir: inbox }),
    ]);
    const started = attempts.filter((attempt) => attempt.status === 'fulfilled');
    const refused = attempts.filter((attempt) => attempt.status === 'rejected');
    expect(started).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(RunAlreadyRunningError);

    const conflict = await post('/api/runs');
    expect(conflict.status).toBe(409);
    expect((conflict.body as ApiError).message).toContain('already running');
    const outcome = await (
      started[0] as PromiseFulfilledResult<Awaited<ReturnType<PipelineService['start']>>>
    ).value.done;
    expect(outcome.run.status).toBe('published');
  });

  it('rebuilds after an analyst changes a target, and not again when nothing else changed', async () => {
    const unchanged = (await post('/api/runs').expect(202)).body as RunStarted;
    expect((await finished(unchanged.runId)).status).toBe('unchanged');

    const targets = (await get('/api/targets?financialYear=2024-25').expect(200)).body as TargetList;
    const numeric = targets.items.find((item) => typeof item.target === 'number' && item.tolerance !== null);
    expect(numeric, 'an indicator with a numeric target').toBeDefined();
    await request(testApp.server)
      .put(`/api/targets/${numeric?.code}/2024-25`)
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.csrf)
      .send({
        target: Number(numeric?.target) + 1,
        tolerance: numeric?.tolerance ?? 0,
        reason: 'Agreed at the partnership meeting',
      })
      .expect(200);

    const rebuilt = (await post('/api/runs').expect(202)).body as RunStarted;
    expect((await finished(rebuilt.runId)).status).toBe('published');
    const again = (await post('/api/runs').expect(202)).body as RunStarted;
    expect((await finished(again.runId)).status).toBe('unchanged');
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'refuses a command-line run while the API runs one (PostgreSQL advisory lock)',
    async () => {
      const inbox = join(work, 'big-inbox');
      expect(
        (
          await runOscp(
            ['demo-data', '--out', inbox, '--seed', '7', '--scale', '0.6', '--as-of', RUN_DATE],
            {},
          )
        ).code,
      ).toBe(0);
      const started = await testApp.app.get(PipelineService).start('manual', { inboxDir: inbox });
      const cliDataDir = mkdtempSync(join(tmpdir(), 'oscp-cli-data-'));
      try {
        const cli = await runOscp(['etl', 'run', '--inbox', inbox, '--data-dir', cliDataDir], {
          DATABASE_URL: database.url ?? '',
        });
        const runState = (await get(`/api/runs/${started.runId}`).expect(200)).body as RunDetail;
        expect(runState.status, 'the API run should still be running when the CLI tried').toBe('running');
        expect(cli.code).toBe(1);
        expect(cli.stderr).toContain('An ETL run is already running.');
      } finally {
        await started.done;
        rmSync(cliDataDir, { recursive: true, force: true });
      }
    },
  );
});
