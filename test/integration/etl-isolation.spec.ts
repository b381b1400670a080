/**
 * Validation and snapshot builds run in a child process: the API keeps answering while a run
 * works on a hostile file, and a file the checker cannot finish is rejected once, by its SHA-256,
 * and never tried again.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Health, RunDetail, UploadAccepted } from '@oscp/contracts';
import { IsolatedWorker, validateSubmission, type ValidateSubmissionInput } from '@oscp/etl';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineService } from '../../apps/api/src/pipeline/pipeline.service';
import { signInAsAdmin, startTestApp, waitFor, type Session, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const OK_INBOX = resolve(__dirname, '..', 'fixtures', 'ok');
const RUN_DATE = '2025-06-30';
const PARTNER_HEADER = 'agency,indicator_code,period,numerator,denominator,note';

/** The file that froze the API for 13.6 s: 30,000 copies of one partner-returns row (~780 KB). */
function duplicateRows(count: number): Buffer {
  return Buffer.from(`${PARTNER_HEADER}\n${'POLICE,PT04,2024-25 Q1,1,,\n'.repeat(count)}`);
}

describe('IsolatedWorker', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'oscp-isolated-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  function input(name: string, content: Buffer): ValidateSubmissionInput {
    const path = join(work, name);
    writeFileSync(path, content);
    return {
      path,
      fileName: 'partner_returns_20250401.csv',
      dataset: 'partner_returns',
      extractDate: '2025-04-01',
      format: 'csv',
      outputPath: join(work, `${name}.parquet`),
      rejectThresholdPct: 10,
    };
  }

  it('gives the same result as validating in the process itself', async () => {
    const content = Buffer.from(`${PARTNER_HEADER}\nPOLICE,PT04,2024-25 Q1,1,,\nYJS,PT03,2024-25 Q1,x,,\n`);
    const worker = new IsolatedWorker({ memoryMb: 512, timeLimitMs: 120_000 });
    try {
      const isolated = await worker.run({ kind: 'validate', input: input('same.csv', content) });
      const direct = await validateSubmission(input('same-direct.csv', content));
      expect(isolated.ok).toBe(true);
      if (!isolated.ok) return;
      expect({ ...isolated.result, outputPath: null }).toEqual({ ...direct, outputPath: null });
    } finally {
      worker.close();
    }
  });

  it('stops a task that runs out of time, and runs the next one in a fresh child', async () => {
    const worker = new IsolatedWorker({ memoryMb: 512, timeLimitMs: 50 });
    try {
      const slow = await worker.run({ kind: 'validate', input: input('slow.csv', duplicateRows(30_000)) });
      expect(slow).toEqual({ ok: false, problem: 'time', message: 'it took longer than 0 seconds' });
    } finally {
      worker.close();
    }
    const roomy = new IsolatedWorker({ memoryMb: 512, timeLimitMs: 120_000 });
    try {
      const next = await roomy.run({ kind: 'validate', input: input('next.csv', duplicateRows(3)) });
      expect(next.ok).toBe(true);
    } finally {
      roomy.close();
    }
  });

  it('reports a task that runs out of memory as such', async () => {
    const worker = new IsolatedWorker({ memoryMb: 16, timeLimitMs: 120_000 });
    try {
      const outcome = await worker.run({
        kind: 'validate',
        input: input('big.csv', duplicateRows(200_000)),
      });
      expect(outcome).toEqual({
        ok: false,
        problem: 'memory',
        message: 'it needed more than the 16 MB of memory allowed',
      });
    } finally {
      worker.close();
    }
  });
});

describe('runs off the event loop', () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let session: Session;

  const get = (path: string) => request(testApp.server).get(path).set('cookie', session.cookie);

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp({ env: { ...database.env, OSCP_RUN_DATE: RUN_DATE } });
    session = await signInAsAdmin(testApp);
    cpSync(OK_INBOX, join(database.dataDir, 'inbox'), { recursive: true });
    const first = await testApp.app.get(PipelineService).run('cli');
    expect(first.run.status).toBe('published');
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  it('answers /api/health within 1 s every time while a 30,000-duplicate-row upload is checked; the file is rejected once and not tried again', async () => {
    const content = duplicateRows(30_000);
    const accepted = (
      await request(testApp.server)
        .post('/api/submissions')
        .set('cookie', session.cookie)
        .set('x-csrf-token', session.csrf)
        .field('dataset', 'partner_returns')
        .attach('file', content, 'returns.csv')
        .expect(202)
    ).body as UploadAccepted;

    const timings: number[] = [];
    let detail: RunDetail | undefined;
    while (detail === undefined) {
      const started = Date.now();
      const health = await request(testApp.server).get('/api/health');
      timings.push(Date.now() - started);
      expect(health.status).toBe(200);
      expect((health.body as Health).database).toBe('ok');
      const run = (await get(`/api/runs/${accepted.runId}`)).body as RunDetail;
      if (run.status !== 'running') detail = run;
      else await new Promise((done) => setTimeout(done, 100));
    }
    expect(timings.length).toBeGreaterThan(1);
    expect(Math.max(...timings), `health answered in ${timings.join(', ')} ms`).toBeLessThan(1_000);

    const submission = detail.submissions.find((row) => row.id === accepted.submissionId);
    expect(submission?.status).toBe('rejected');
    expect(submission?.reason).toMatch(/30000 of 30000 rows/);

    // The next run (the nightly one, say) leaves the rejected file alone.
    const next = await testApp.app.get(PipelineService).run('schedule');
    expect(next.submissions).toEqual([]);
    expect(next.filesAlreadyLoaded).toBeGreaterThan(0);
    expect(next.run.status).toBe('unchanged');
  });

  it('keeps answering scorecard requests within 1 s while a snapshot is built', async () => {
    const pipeline = testApp.app.get(PipelineService);
    // New bytes under a new name force a rebuild.
    writeFileSync(
      join(database.dataDir, 'inbox', 'partner_returns', 'partner_returns_20250601.csv'),
      `${PARTNER_HEADER}\nPOLICE,PT04,2024-25 Q4,3,,\n`,
    );
    const started = await pipeline.start('manual');
    let finished = false;
    void started.done.then(() => {
      finished = true;
    });
    const timings: number[] = [];
    while (!finished) {
      const at = Date.now();
      const response = await get('/api/scorecard');
      timings.push(Date.now() - at);
      expect(response.status).toBe(200);
      await new Promise((done) => setTimeout(done, 100));
    }
    const outcome = await started.done;
    expect(outcome.run.status, outcome.message).toBe('published');
    expect(Math.max(...timings), `scorecard answered in ${timings.join(', ')} ms`).toBeLessThan(1_000);
    await waitFor(async () => ((await get('/api/scorecard')).status === 200 ? true : undefined));
  });
  it('rejects a file whose check runs out of time, naming the limit and its SHA-256, and never tries it again', async () => {
    // The same database and data folder, restarted with a one-second limit per file.
    await testApp.close();
    testApp = await startTestApp({
      env: { ...database.env, OSCP_RUN_DATE: RUN_DATE, OSCP_ETL_TIME_LIMIT_S: '1' },
    });
    {
      const content = duplicateRows(400_000);
      const sha256 = createHash('sha256').update(content).digest('hex');
      writeFileSync(
        join(database.dataDir, 'inbox', 'partner_returns', 'partner_returns_20250505.csv'),
        content,
      );
      const pipeline = testApp.app.get(PipelineService);
      const outcome = await pipeline.run('manual');
      const taken = outcome.submissions.find((row) => row.fileName === 'partner_returns_20250505.csv');
      expect(taken?.status).toBe('rejected');
      expect(taken?.reason).toContain('partner_returns_20250505.csv could not be checked');
      expect(taken?.reason).toContain('it took longer than 1 seconds');
      expect(taken?.reason).toContain(sha256);
      expect(outcome.run.status).toBe('unchanged');

      const again = await pipeline.run('manual');
      expect(again.submissions).toEqual([]);
      expect(again.run.status).toBe('unchanged');
    }
  });
});
