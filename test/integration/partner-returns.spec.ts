/**
 * The partner returns tracker, agencies and the agency view over HTTP against real runs of a
 * demo inbox: the tracker agrees, return by return, with the scorecard's "return missing"
 * exception reasons, and a late return uploaded afterwards moves from overdue to received late.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type {
  Agency,
  AgencyView,
  AuditEntry,
  Page,
  PartnerReturnReminder,
  PartnerReturnsTracker,
  RunDetail,
  Scorecard,
  UploadAccepted,
} from '@oscp/contracts';
import { generateDemoInbox } from '@oscp/etl';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineService } from '../../apps/api/src/pipeline/pipeline.service';
import { RemindersService } from '../../apps/api/src/partner-returns/reminders.service';
import { waitFor } from '../support/test-app';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  serverOf,
  signIn,
  startAuthTestApp,
  userWithRoles,
  type AuthTestApp,
  type SignedIn,
} from './auth-helpers';

const RUN_DATE = '2025-05-30';
/** The demo data leaves out the health return of the quarter before the last (2024-25 Q3 here). */
const MISSING_QUARTER = '2024-25 Q3';
const WEIRD_NAME = 'weird name;rm -rf.csv';

let harness: AuthTestApp;
let app: NestExpressApplication;
let inbox: string;
let viewer: SignedIn;
let analyst: SignedIn & { email: string };
let admin: SignedIn;
let firstRunId: string;

const http = () => request(serverOf(app));
const get = (path: string, who: SignedIn = viewer) => http().get(path).set('cookie', who.cookie);
const send = (method: 'post' | 'patch', path: string, who: SignedIn) =>
  http()[method](path).set('cookie', who.cookie).set('x-csrf-token', who.info.csrfToken);

async function tracker(period: string, who: SignedIn = viewer): Promise<PartnerReturnsTracker> {
  const response = await get(`/api/partner-returns?period=${encodeURIComponent(period)}`, who);
  expect(response.status).toBe(200);
  return response.body as PartnerReturnsTracker;
}

beforeAll(async () => {
  inbox = mkdtempSync(join(tmpdir(), 'oscp-returns-inbox-'));
  await generateDemoInbox({ outDir: inbox, seed: 7, scale: 0.1, asOf: '2025-05-15' });
  harness = await startAuthTestApp({ OSCP_RUN_DATE: RUN_DATE });
  app = harness.app;
  viewer = await userWithRoles(app, ['viewer'], '198.51.100.71');
  analyst = await userWithRoles(app, ['analyst'], '198.51.100.72');
  admin = await signIn(app, ADMIN_EMAIL, ADMIN_PASSWORD, '198.51.100.73');
  const outcome = await app.get(PipelineService).run('cli', { inboxDir: inbox, runDate: RUN_DATE });
  expect(outcome.run.status).toBe('published');
  firstRunId = outcome.run.id;
});

afterAll(async () => {
  await harness?.close();
  if (inbox) rmSync(inbox, { recursive: true, force: true });
});

describe('the returns tracker', () => {
  it("matches, return by return and quarter by quarter, the scorecard's return-missing reasons", async () => {
    const latest = await tracker('2024-25 Q4');
    expect(latest.asOf).toBe(RUN_DATE);
    expect(latest.matrix).toHaveLength(8);
    // Every partner-return indicator from its owner agency, each quarter.
    expect(latest.returns.map((r) => `${r.agency} ${r.indicatorCode}`)).toEqual([
      'YJS PT03',
      'POLICE PT04',
      'HEALTH PT05',
      'OSCP PT06',
    ]);
    let overdueSeen = 0;
    for (const column of latest.matrix) {
      const scorecard = (await get(`/api/scorecard?period=${encodeURIComponent(column.period)}`).expect(200))
        .body as Scorecard;
      for (const entry of column.returns) {
        const indicator = scorecard.indicators.find((i) => i.code === entry.indicatorCode);
        const missingReason = indicator?.exceptionReasons.includes('partner_return_missing') ?? false;
        expect({
          period: column.period,
          code: entry.indicatorCode,
          overdue: entry.status === 'overdue',
        }).toEqual({
          period: column.period,
          code: entry.indicatorCode,
          overdue: missingReason,
        });
        expect(entry.status === 'not_yet_due').toBe(indicator?.status === 'awaited');
        if (entry.status === 'overdue') {
          // The reason counts the same working days overdue as the tracker.
          expect(indicator?.partnerReturnWorkingDaysOverdue).toBe(entry.workingDaysOverdue);
          overdueSeen += 1;
        }
      }
    }
    // The demo's missing health return is the one overdue; the test checked a real case.
    expect(overdueSeen).toBe(1);
    const health = latest.matrix
      .find((c) => c.period === MISSING_QUARTER)
      ?.returns.find((r) => r.agency === 'HEALTH');
    expect(health).toMatchObject({
      status: 'overdue',
      dueDate: '2025-01-29',
      receivedOn: null,
      submissionId: null,
    });
    expect(health?.workingDaysOverdue).toBeGreaterThan(60);
    // The latest quarter's returns came in the extract of 7 April 2025, before the 30 April due date.
    expect(latest.returns.map((r) => [r.status, r.dueDate, r.receivedOn])).toEqual(
      Array(4).fill(['received_on_time', '2025-04-30', '2025-04-07']),
    );
  });

  it('answers 400 for a period that cannot exist and 404 for one the snapshot lacks', async () => {
    expect((await get('/api/partner-returns?period=2024-26%20Q3')).status).toBe(400);
    expect((await get('/api/partner-returns?period=2030-31%20Q1')).status).toBe(404);
  });

  it('lists overdue returns in the reminders outbox once, with why nothing was sent', async () => {
    const reminders = app.get(RemindersService);
    const first = await reminders.refresh(RUN_DATE);
    expect(first.added).toBe(1);
    expect(first.sent).toBe(0);
    expect((await reminders.refresh(RUN_DATE)).added).toBe(0);
    const outbox = (await get('/api/partner-returns/reminders').expect(200)).body as PartnerReturnReminder[];
    expect(outbox).toEqual([
      expect.objectContaining({
        period: MISSING_QUARTER,
        agency: 'HEALTH',
        indicatorCode: 'PT05',
        kind: 'overdue',
        sentAt: null,
        notSentBecause: 'No reminder contact is set for this agency.',
      }),
    ]);
    expect((await send('post', '/api/partner-returns/reminders', viewer)).status).toBe(403);
  });

  it('moves a late return uploaded afterwards from overdue to received late, keeping the uploader’s file name', async () => {
    const csv = `agency,indicator_code,period,numerator,denominator,note\nHEALTH,PT05,${MISSING_QUARTER},40,45,sent late\n`;
    const upload = await send('post', '/api/submissions', analyst)
      .field('dataset', 'partner_returns')
      .field('extractDate', '2025-05-20')
      .attach('file', Buffer.from(csv), WEIRD_NAME);
    expect(upload.status).toBe(202);
    const accepted = upload.body as UploadAccepted;
    const run = await waitFor(
      async () => {
        const response = await get(`/api/runs/${accepted.runId}`, analyst);
        const detail = response.body as RunDetail;
        return response.status === 200 && detail.status !== 'running' ? detail : undefined;
      },
      120_000,
      'the upload run',
    );
    expect(run.status).toBe('published');
    const submission = run.submissions.find((s) => s.id === accepted.submissionId);
    expect(submission).toMatchObject({
      status: 'accepted',
      agency: 'HEALTH',
      originalFileName: WEIRD_NAME,
      uploadedBy: analyst.email,
    });
    // Stored under a name the API chose, never the uploader's.
    expect(submission?.fileName).toMatch(/^partner_returns_20250520_upload\d+\.csv$/);

    const forAnalyst = await tracker('2024-25 Q4', analyst);
    const health = forAnalyst.matrix
      .find((c) => c.period === MISSING_QUARTER)
      ?.returns.find((r) => r.agency === 'HEALTH');
    expect(health).toMatchObject({
      status: 'received_late',
      receivedOn: '2025-05-20',
      submissionId: accepted.submissionId,
      uploader: { originalFileName: WEIRD_NAME, uploadedBy: analyst.email },
    });
    expect(health?.workingDaysOverdue).toBeGreaterThan(60);
    const scorecard = (await get(`/api/scorecard?period=${encodeURIComponent(MISSING_QUARTER)}`).expect(200))
      .body as Scorecard;
    expect(scorecard.indicators.find((i) => i.code === 'PT05')?.exceptionReasons).not.toContain(
      'partner_return_missing',
    );

    // Only analysts see who uploaded a return and what they called the file.
    const forViewer = await tracker('2024-25 Q4', viewer);
    const seenByViewer = forViewer.matrix
      .find((c) => c.period === MISSING_QUARTER)
      ?.returns.find((r) => r.agency === 'HEALTH');
    expect(seenByViewer?.status).toBe('received_late');
    expect(seenByViewer?.uploader).toBeNull();
  });
});

describe('the OpenAPI document', () => {
  it('describes every agencies, partner-returns and agency-view route with its response (and request body)', async () => {
    const document = (await get('/api/docs/openapi.json').expect(200)).body as {
      paths: Record<
        string,
        Record<string, { requestBody?: unknown; responses?: Record<string, { content?: unknown }> }>
      >;
    };
    const operations = Object.entries(document.paths)
      .filter(([path]) => /^\/api\/(agencies|partner-returns)/.test(path))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
      );
    expect(operations.map((o) => o.route).sort()).toEqual([
      'GET /api/agencies',
      'GET /api/agencies/{code}/view',
      'GET /api/partner-returns',
      'GET /api/partner-returns/reminders',
      'PATCH /api/agencies/{code}',
      'POST /api/agencies',
      'POST /api/partner-returns/reminders',
    ]);
    for (const { route, op } of operations) {
      expect(
        Object.values(op.responses ?? {}).some((r) => r.content !== undefined),
        `${route} response`,
      ).toBe(true);
      if (route.startsWith('PATCH') || route === 'POST /api/agencies')
        expect(op.requestBody, `${route} body`).toBeDefined();
    }
  });
});

describe("a run's findings summary", () => {
  it('groups every finding by dataset and rule, with counts adding up and the first 3 of each', async () => {
    const detail = (await get(`/api/runs/${firstRunId}?limit=5`, analyst).expect(200)).body as RunDetail;
    expect(detail.findings.items).toHaveLength(5);
    expect(detail.findingGroups.length).toBeGreaterThan(1);
    expect(detail.findingGroups.reduce((sum, g) => sum + g.count, 0)).toBe(detail.findings.total);
    const counts = detail.findingGroups.map((g) => g.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    for (const group of detail.findingGroups) {
      expect(group.examples.length).toBe(Math.min(3, group.count));
      expect(group.examples.every((f) => f.dataset === group.dataset && f.rule === group.rule)).toBe(true);
      const filtered = (
        await get(
          `/api/runs/${firstRunId}?limit=3&dataset=${group.dataset}&rule=${encodeURIComponent(group.rule)}`,
          analyst,
        ).expect(200)
      ).body as RunDetail;
      expect(filtered.findings.total).toBe(group.count);
      expect(filtered.findings.items.map((f) => f.id)).toEqual(group.examples.map((f) => f.id));
    }
  });
});

describe('agencies', () => {
  it('are seeded from the contract code list and readable by every signed-in user, contacts hidden', async () => {
    const list = (await get('/api/agencies').expect(200)).body as Agency[];
    expect(list.map((a) => a.code)).toEqual([
      'CSC',
      'EARLY_HELP',
      'EDUCATION',
      'HEALTH',
      'HOUSING',
      'OSCP',
      'OTHER',
      'POLICE',
      'PROBATION',
      'SARC',
      'YJS',
    ]);
    expect(list.every((a) => a.returnDueWorkingDays === 20 && a.contactEmail === null)).toBe(true);
  });

  it('are changed by an administrator only, audited, and the change of due days reaches the next build', async () => {
    expect((await send('patch', '/api/agencies/POLICE', analyst).send({ name: 'X' })).status).toBe(403);
    const bad = await send('patch', '/api/agencies/POLICE', admin).send({ returnDueWorkingDays: -1 });
    expect(bad.status).toBe(400);
    const changed = await send('patch', '/api/agencies/POLICE', admin).send({
      name: 'Greater Manchester Police',
      contactEmail: 'returns@police.example.org',
      returnDueWorkingDays: 25,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      code: 'POLICE',
      name: 'Greater Manchester Police',
      returnDueWorkingDays: 25,
    });
    const audit = (await get('/api/audit?action=agency.changed', admin).expect(200)).body as Page<AuditEntry>;
    expect(audit.items[0]).toMatchObject({ target: 'agency:POLICE', actorEmail: ADMIN_EMAIL });
    const asViewer = (await get('/api/agencies').expect(200)).body as Agency[];
    expect(asViewer.find((a) => a.code === 'POLICE')?.contactEmail).toBeNull();
    const asAdmin = (await get('/api/agencies', admin).expect(200)).body as Agency[];
    expect(asAdmin.find((a) => a.code === 'POLICE')?.contactEmail).toBe('returns@police.example.org');

    const outcome = await app.get(PipelineService).run('cli', { inboxDir: inbox, runDate: RUN_DATE });
    expect(outcome.run.status).toBe('published');
    const police = (await tracker('2024-25 Q4')).returns.find((r) => r.agency === 'POLICE');
    // 25 working days after 31 March 2025 (Easter and the May bank holiday skipped).
    expect(police?.dueDate).toBe('2025-05-08');

    const added = await send('post', '/api/agencies', admin).send({
      code: 'fire',
      name: 'Fire service',
      type: 'other',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ code: 'FIRE', retired: false });
    expect(
      (await send('post', '/api/agencies', admin).send({ code: 'FIRE', name: 'Again', type: 'other' }))
        .status,
    ).toBe(409);
  });
});

describe('the agency view', () => {
  it("shows the police's own indicator, its rows of CP07 and CP08, its share of FD06 and its returns, in words", async () => {
    const response = await get('/api/agencies/POLICE/view?period=2024-25-Q4');
    expect(response.status).toBe(200);
    const view = response.body as AgencyView;
    expect(view.period).toBe('2024-25 Q4');
    expect(view.previousPeriod).toBe('2024-25 Q3');
    expect(view.owned.map((i) => i.code)).toEqual(['PT04']);
    expect(view.contributions.map((c) => `${c.indicatorCode} ${c.key}`).sort()).toEqual([
      'CP07 POLICE',
      'CP08 POLICE',
      'FD06 Police',
    ]);
    const scorecard = (await get('/api/scorecard?period=2024-25-Q4').expect(200)).body as Scorecard;
    const cp08 = scorecard.indicators
      .find((i) => i.code === 'CP08')
      ?.breakdown.find((b) => b.key === 'POLICE');
    expect(view.contributions.find((c) => c.indicatorCode === 'CP08')).toMatchObject({
      numerator: cp08?.numerator,
      denominator: cp08?.denominator,
    });
    expect(view.returns.map((r) => r.indicatorCode)).toEqual(['PT04']);
    const attended =
      /^Greater Manchester Police attended \d+\.\d% of the conferences they were invited to \(\d+ of \d+\), (?:(?:up|down) from \d+\.\d%|the same as the quarter before)\.$/;
    expect(view.summary.filter((line) => attended.test(line))).toHaveLength(1);
    expect(
      view.summary.filter((line) => /^\d+\.\d% of referrals came from the police \(\d+ of \d+\)/.test(line)),
    ).toHaveLength(1);
    expect(view.summary[0]).toMatch(/^Domestic abuse incidents with children present: \d+/);
  });

  it("lists the agency's overdue exception-report actions, only from reports the user may read", async () => {
    const opened = await send('post', '/api/exceptions', admin).send({
      indicatorCode: 'PT04',
      period: '2024-25 Q4',
    });
    expect(opened.status).toBe(201);
    const report = opened.body as { id: string; version: number };
    const patched = await send('patch', `/api/exceptions/${report.id}`, admin).send({
      version: report.version,
      actions: [
        {
          what: 'Send the missing incident breakdown',
          ownerAgency: 'POLICE',
          dueDate: '2025-05-01',
          status: 'open',
        },
        { what: 'Not due yet', ownerAgency: 'POLICE', dueDate: '2025-09-30', status: 'open' },
        { what: 'Done already', ownerAgency: 'POLICE', dueDate: '2025-04-01', status: 'done' },
        { what: 'Another agency', ownerAgency: 'HEALTH', dueDate: '2025-04-01', status: 'open' },
      ],
    });
    expect(patched.status).toBe(200);
    const asAdmin = (await get('/api/agencies/POLICE/view?period=2024-25-Q4', admin).expect(200))
      .body as AgencyView;
    expect(asAdmin.overdueActions).toEqual([
      {
        reportId: report.id,
        indicatorCode: 'PT04',
        period: '2024-25 Q4',
        what: 'Send the missing incident breakdown',
        dueDate: '2025-05-01',
      },
    ]);
    // A viewer reads accepted reports only: this one is a draft.
    const asViewer = (await get('/api/agencies/POLICE/view?period=2024-25-Q4').expect(200))
      .body as AgencyView;
    expect(asViewer.overdueActions).toEqual([]);
  });

  it('answers 404 for an unknown agency and 400 for a malformed code', async () => {
    expect((await get('/api/agencies/NOBODY/view')).status).toBe(404);
    expect((await get('/api/agencies/no%20body/view')).status).toBe(400);
  });
});
