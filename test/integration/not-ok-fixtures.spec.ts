/**
 * Every not-ok fixture (test/fixtures/not-ok/expected.json): a run over the valid fixture inbox
 * plus that one file records exactly the expected outcome and findings, and the published
 * scorecard does not change (rejected files publish nothing; quarantine fixtures repeat valid
 * rows only, so a new snapshot gives the same figures).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { PeriodList, RunDetail, Scorecard } from '@oscp/contracts';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineService } from '../../apps/api/src/pipeline/pipeline.service';
import { signInAsAdmin, startTestApp, type Session, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

interface ExpectedFinding {
  line: number | null;
  column: string | null;
  rule: string;
  kind?: string;
}

interface Fixture {
  name: string;
  dataset: string;
  file: string;
  expected: {
    status: 'accepted' | 'rejected';
    rule?: string;
    column?: string | null;
    reasonIncludes?: string[];
    rowsRead?: number;
    rowsQuarantined?: number;
    findings?: ExpectedFinding[];
  };
}

const FIXTURES = resolve(__dirname, '..', 'fixtures');
const MANIFEST = JSON.parse(readFileSync(join(FIXTURES, 'not-ok', 'expected.json'), 'utf8')) as {
  rejectThresholdPct: number;
  fixtures: Fixture[];
};
const RUN_DATE = '2025-06-30';

describe('not-ok fixtures', () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let session: Session;
  let work: string;
  let baseline: { snapshotId: string; scorecards: Record<string, unknown> };

  const get = (path: string) => request(testApp.server).get(path).set('cookie', session.cookie);

  /** The current snapshot id and every period's scorecard figures (without snapshot-specific fields). */
  async function publishedFigures(): Promise<{ snapshotId: string; scorecards: Record<string, unknown> }> {
    const periods = (await get('/api/periods').expect(200)).body as PeriodList;
    const scorecards: Record<string, unknown> = {};
    for (const period of periods.periods) {
      const scorecard = (await get(`/api/scorecard?period=${encodeURIComponent(period.period)}`).expect(200))
        .body as Scorecard;
      scorecards[period.period] = scorecard.indicators;
    }
    return { snapshotId: periods.snapshotId ?? '', scorecards };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp({
      env: {
        ...database.env,
        OSCP_RUN_DATE: RUN_DATE,
        OSCP_REJECT_THRESHOLD_PCT: String(MANIFEST.rejectThresholdPct),
        OSCP_SNAPSHOTS_KEEP: '200',
      },
    });
    session = await signInAsAdmin(testApp);
    work = mkdtempSync(join(tmpdir(), 'oscp-not-ok-'));
    const first = await testApp.app.get(PipelineService).run('manual', { inboxDir: join(FIXTURES, 'ok') });
    expect(first.run.status).toBe('published');
    baseline = await publishedFigures();
    expect(Object.keys(baseline.scorecards).length).toBeGreaterThan(0);
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('has fixtures to check', () => {
    expect(MANIFEST.fixtures.length).toBeGreaterThan(10);
  });

  it.each(MANIFEST.fixtures.map((fixture) => [fixture.name, fixture] as const))(
    '%s',
    async (_name, fixture) => {
      // The valid inbox (already loaded, so left alone) plus this fixture's one file.
      const inbox = join(work, fixture.name);
      cpSync(join(FIXTURES, 'ok'), inbox, { recursive: true });
      const relative = fixture.file.split('/').slice(1).join('/');
      mkdirSync(dirname(join(inbox, relative)), { recursive: true });
      cpSync(join(FIXTURES, 'not-ok', fixture.file), join(inbox, relative));
      const fileName = relative.split('/').pop() ?? '';

      const outcome = await testApp.app.get(PipelineService).run('manual', { inboxDir: inbox });
      expect(outcome.run.status, outcome.run.error ?? outcome.message).not.toBe('failed');
      const detail = (await get(`/api/runs/${outcome.run.id}?limit=500`).expect(200)).body as RunDetail;
      const submission = detail.submissions.find(
        (row) => row.fileName === fileName && row.dataset === fixture.dataset,
      );
      expect(submission, `a submission for ${fileName}`).toBeDefined();
      expect(submission?.status).toBe(fixture.expected.status);
      const findings = detail.findings.items.filter(
        (finding) => finding.fileName === fileName && finding.dataset === fixture.dataset,
      );

      if (fixture.expected.status === 'rejected') {
        expect(outcome.run.status).toBe('unchanged');
        const rejection = findings.find((finding) => finding.kind === 'file_rejected');
        expect(rejection?.rule).toBe(fixture.expected.rule);
        if (fixture.expected.column !== undefined) expect(rejection?.column).toBe(fixture.expected.column);
        for (const text of fixture.expected.reasonIncludes ?? []) expect(submission?.reason).toContain(text);
      } else {
        if (fixture.expected.rowsRead !== undefined)
          expect(submission?.rowsRead).toBe(fixture.expected.rowsRead);
        if (fixture.expected.rowsQuarantined !== undefined)
          expect(submission?.rowsQuarantined).toBe(fixture.expected.rowsQuarantined);
        const actual = findings.map((finding) => ({
          line: finding.line,
          column: finding.column,
          rule: finding.rule,
          kind: finding.kind,
        }));
        const expected = (fixture.expected.findings ?? []).map((finding) => ({
          kind: 'row_quarantined',
          ...finding,
        }));
        const order = (a: ExpectedFinding, b: ExpectedFinding) =>
          (a.line ?? 0) - (b.line ?? 0) || `${a.column}${a.rule}`.localeCompare(`${b.column}${b.rule}`);
        expect([...actual].sort(order)).toEqual([...expected].sort(order));
      }

      const after = await publishedFigures();
      if (fixture.expected.status === 'rejected') expect(after.snapshotId).toBe(baseline.snapshotId);
      expect(after.scorecards).toEqual(baseline.scorecards);
    },
  );
});
