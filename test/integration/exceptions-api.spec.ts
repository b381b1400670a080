/**
 * Exception reports, commentary and subgroups over HTTP against real runs on a demo inbox:
 * drafts open themselves after a published run (one per exception, however often runs repeat),
 * who may read and write what, the 409 on a stale version, history, and the full workflow.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type {
  AuditEntry,
  CatalogueIndicator,
  Commentary,
  ExceptionReport,
  ExceptionReportList,
  HistoryEntry,
  Role,
  Scorecard,
  Subgroup,
} from '@oscp/contracts';
import { generateDemoInbox } from '@oscp/etl';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExceptionReportsService } from '../../apps/api/src/exceptions/exception-reports.service';
import { PipelineService } from '../../apps/api/src/pipeline/pipeline.service';
import { UsersService } from '../../apps/api/src/users/users.service';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  serverOf,
  signIn,
  startAuthTestApp,
  type AuthTestApp,
  type SignedIn,
} from './auth-helpers';

let harness: AuthTestApp;
let app: NestExpressApplication;
let inbox: string;
let viewer: SignedIn;
let chair: SignedIn;
let otherChair: SignedIn;
let secondChair: SignedIn;
let manager: SignedIn;
let analyst: SignedIn;
let admin: SignedIn;
let period: string;
let snapshotId: string;
let exceptionCodes: string[];

const http = () => request(serverOf(app));
const get = (path: string, who: SignedIn) => http().get(path).set('cookie', who.cookie);
function send(method: 'post' | 'patch' | 'put', path: string, who: SignedIn, body: unknown): request.Test {
  const agent = http();
  const started =
    method === 'post' ? agent.post(path) : method === 'patch' ? agent.patch(path) : agent.put(path);
  return started
    .set('cookie', who.cookie)
    .set('x-csrf-token', who.info.csrfToken)
    .send(body as object);
}

let counter = 0;
async function person(roles: Role[], subgroups: string[], name: string): Promise<SignedIn> {
  counter += 1;
  const email = `${name.toLowerCase().replace(/\s+/g, '.')}.${counter}@example.org`;
  const password = `a-long-password-for-${counter}-tests`;
  await app.get(UsersService).create({ email, displayName: name, password, roles, agency: null, subgroups });
  return signIn(app, email, password, `198.51.100.${120 + counter}`);
}

async function runEtl(runDate: string): Promise<string> {
  const outcome = await app.get(PipelineService).run('cli', { inboxDir: inbox, runDate });
  if (outcome.run.status !== 'published' || !outcome.run.snapshotId)
    throw new Error(`The run did not publish: ${outcome.run.status} ${outcome.run.error ?? outcome.message}`);
  return outcome.run.snapshotId;
}

async function listAs(who: SignedIn, query: Record<string, string> = {}): Promise<ExceptionReportList> {
  const response = await get('/api/exceptions', who).query({ period, ...query });
  expect(response.status).toBe(200);
  return response.body as ExceptionReportList;
}

/** A report of the quarter owned only by Performance Co-ordination. */
async function performanceReport(): Promise<ExceptionReport> {
  const list = await listAs(manager);
  const report = list.items.find(
    (item) => !item.subgroupIds.includes('safeguarding-review-and-learning-group'),
  );
  if (!report) throw new Error('no report owned by Performance Co-ordination alone');
  return report;
}

beforeAll(async () => {
  inbox = mkdtempSync(join(tmpdir(), 'oscp-exceptions-inbox-'));
  await generateDemoInbox({ outDir: inbox, seed: 7, scale: 0.1, asOf: '2025-05-15' });
  harness = await startAuthTestApp();
  app = harness.app;
  viewer = await person(['viewer'], [], 'Val Viewer');
  chair = await person(['chair'], ['performance-co-ordination'], 'Cara Chair');
  secondChair = await person(['chair'], ['performance-co-ordination'], 'Colin Cochair');
  otherChair = await person(['chair'], ['safeguarding-review-and-learning-group'], 'Lee Learning');
  manager = await person(['manager'], [], 'Mo Manager');
  analyst = await person(['analyst'], [], 'Ana Analyst');
  admin = await signIn(app, ADMIN_EMAIL, ADMIN_PASSWORD, '198.51.100.119');
  snapshotId = await runEtl('2025-05-30');
  const scorecard = (await get('/api/scorecard', viewer)).body as Scorecard;
  period = scorecard.period;
  exceptionCodes = scorecard.indicators
    .filter((row) => row.exception)
    .map((row) => row.code)
    .sort();
}, 240_000);

afterAll(async () => {
  await harness?.close();
  if (inbox) rmSync(inbox, { recursive: true, force: true });
});

describe('drafts open themselves after a published run', () => {
  it('lists exactly one draft per indicator the scorecard marks as an exception, with frozen evidence', async () => {
    expect(exceptionCodes.length).toBeGreaterThan(0);
    const list = await listAs(manager);
    expect(list.items.map((item) => item.indicatorCode).sort()).toEqual(exceptionCodes);
    expect(list.counts.draft).toBe(exceptionCodes.length);
    const report = list.items[0];
    if (!report) throw new Error('no report');
    expect(report).toMatchObject({ status: 'draft', openedBy: 'automatic', version: 1, period });
    expect(report.evidence.snapshotId).toBe(snapshotId);
    expect(report.evidence.series.length).toBeGreaterThan(1);
    expect(report.evidence.series.length).toBeLessThanOrEqual(8);
    expect(report.evidence.series.at(-1)?.period).toBe(period);
    expect(report.evidence.reasons.length).toBeGreaterThan(0);
    expect(report.subgroupIds).toContain('performance-co-ordination');
  });

  it('adds none when runs repeat', async () => {
    await app.get(ExceptionReportsService).onSnapshotPublished(snapshotId);
    const laterSnapshot = await runEtl('2025-06-02');
    const scorecard = (await get('/api/scorecard', viewer)).body as Scorecard;
    expect(scorecard.snapshotId).toBe(laterSnapshot);
    expect(scorecard.period).toBe(period);
    const list = await listAs(manager);
    const codes = list.items.map((item) => item.indicatorCode);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.sort()).toEqual(
      scorecard.indicators
        .filter((row) => row.exception)
        .map((row) => row.code)
        .sort(),
    );
    // Frozen evidence stays from the snapshot the draft was opened from.
    expect(list.items.every((item) => item.evidence.snapshotId === snapshotId)).toBe(true);
  });
});

describe('who may read and write', () => {
  it('shows a viewer no drafts, and refuses to open one or write anything', async () => {
    const report = await performanceReport();
    expect((await listAs(viewer)).items).toEqual([]);
    const read = await get(`/api/exceptions/${report.id}`, viewer);
    expect(read.status).toBe(403);
    expect((await get(`/api/exceptions/${report.id}/history`, viewer)).status).toBe(403);
    expect(
      (await send('patch', `/api/exceptions/${report.id}`, viewer, { version: 1, cause: 'x' })).status,
    ).toBe(403);
    expect(
      (await send('post', `/api/exceptions/${report.id}/transitions`, viewer, { to: 'submitted' })).status,
    ).toBe(403);
    expect((await send('post', '/api/exceptions', viewer, { indicatorCode: 'FD01', period })).status).toBe(
      403,
    );
    expect(
      (await send('put', `/api/commentary/FD01/${period}`, viewer, { text: 'x', version: 0 })).status,
    ).toBe(403);
    expect((await send('post', '/api/subgroups', viewer, { name: 'Neglect' })).status).toBe(403);
  });

  it("refuses a chair another subgroup's report, but shows a chair their own drafts first", async () => {
    const report = await performanceReport();
    expect((await get(`/api/exceptions/${report.id}`, otherChair)).status).toBe(403);
    const edit = await send('patch', `/api/exceptions/${report.id}`, otherChair, {
      version: report.version,
      cause: 'x',
    });
    expect(edit.status).toBe(403);
    const own = await listAs(chair);
    expect(own.items.length).toBe((await listAs(manager)).items.length);
    expect(own.items[0]?.subgroupIds).toContain('performance-co-ordination');
  });
});

describe('editing, 409 and history', () => {
  it('refuses a stale version with 409 naming who changed it, and keeps every change in the history', async () => {
    const report = await performanceReport();
    const first = await send('patch', `/api/exceptions/${report.id}`, chair, {
      version: report.version,
      cause: 'Staff vacancies in the assessment teams.',
    });
    expect(first.status).toBe(200);
    expect((first.body as ExceptionReport).version).toBe(report.version + 1);
    const stale = await send('patch', `/api/exceptions/${report.id}`, secondChair, {
      version: report.version,
      cause: 'A different cause',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/Cara Chair/);
    const current = (await get(`/api/exceptions/${report.id}`, secondChair)).body as ExceptionReport;
    expect(current.cause).toBe('Staff vacancies in the assessment teams.');

    const history = (await get(`/api/exceptions/${report.id}/history`, chair)).body as HistoryEntry[];
    expect(history.map((entry) => entry.action)).toEqual(['opened', 'edited']);
    expect(history[1]).toMatchObject({
      actor: expect.stringContaining('Cara Chair'),
      changes: [{ field: 'cause', from: '', to: 'Staff vacancies in the assessment teams.' }],
    });
  });

  it('runs the workflow: incomplete submit refused, submit, return with a comment, resubmit, accept; then a viewer sees it', async () => {
    const report = (await get(`/api/exceptions/${(await performanceReport()).id}`, chair))
      .body as ExceptionReport;
    const path = `/api/exceptions/${report.id}`;
    const incomplete = await send('post', `${path}/transitions`, chair, { to: 'submitted' });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['impact', 'actions', 'trajectoryPeriod', 'escalationNeeded']),
    );
    const filled = await send('patch', path, chair, {
      version: report.version,
      impact: 'Children wait longer for an assessment of their needs.',
      actions: [
        {
          what: 'Recruit two agency social workers',
          ownerAgency: 'CSC',
          dueDate: '2025-03-31',
          status: 'open',
        },
      ],
      trajectoryPeriod: '2025-26 Q3',
      escalationNeeded: false,
    });
    expect(filled.status).toBe(200);
    expect((filled.body as ExceptionReport).actions[0]).toMatchObject({
      overdue: true,
      carriedOverFrom: null,
    });
    expect((await send('post', `${path}/transitions`, chair, { to: 'submitted' })).status).toBe(200);
    expect((await send('post', `${path}/transitions`, chair, { to: 'accepted' })).status).toBe(403);
    const noComment = await send('post', `${path}/transitions`, manager, { to: 'returned' });
    expect(noComment.status).toBe(400);
    const returned = await send('post', `${path}/transitions`, manager, {
      to: 'returned',
      comment: 'Say when the recruits start.',
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({
      status: 'returned',
      returnComment: 'Say when the recruits start.',
    });
    const current = returned.body as ExceptionReport;
    expect(
      (
        await send('patch', path, chair, {
          version: current.version,
          cause: `${current.cause} Recruits start in May.`,
        })
      ).status,
    ).toBe(200);
    expect((await send('post', `${path}/transitions`, chair, { to: 'submitted' })).status).toBe(200);
    const accepted = await send('post', `${path}/transitions`, manager, { to: 'accepted' });
    expect(accepted.status).toBe(200);
    expect(
      (await send('patch', path, chair, { version: (accepted.body as ExceptionReport).version, cause: 'x' }))
        .status,
    ).toBe(403);

    const seen = await listAs(viewer);
    expect(seen.items.map((item) => item.id)).toEqual([report.id]);
    expect((await get(path, viewer)).status).toBe(200);
    const history = (await get(`${path}/history`, viewer)).body as HistoryEntry[];
    expect(history.map((entry) => entry.action)).toEqual([
      'opened',
      'edited',
      'edited',
      'submitted',
      'returned',
      'edited',
      'submitted',
      'accepted',
    ]);
    expect(history.find((entry) => entry.action === 'returned')?.comment).toBe(
      'Say when the recruits start.',
    );
    const audit = await get('/api/audit', admin).query({ target: `exception:${report.id}` });
    expect((audit.body as { items: { action: string }[] }).items.map((entry) => entry.action)).toEqual(
      expect.arrayContaining([
        'exception.updated',
        'exception.submitted',
        'exception.returned',
        'exception.accepted',
      ]),
    );
  });

  it('opens a report by hand once per indicator and quarter', async () => {
    const green = ((await get('/api/scorecard', viewer)).body as Scorecard).indicators.find(
      (row) => !row.exception,
    );
    if (!green) throw new Error('every indicator is an exception');
    const opened = await send('post', '/api/exceptions', chair, { indicatorCode: green.code, period });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ openedBy: 'by_hand', status: 'draft', indicatorCode: green.code });
    const again = await send('post', '/api/exceptions', manager, { indicatorCode: green.code, period });
    expect(again.status).toBe(409);
  });
});

describe('later runs and later quarters', () => {
  it("carries last quarter's open actions into a new report on the same indicator, for an update", async () => {
    const scorecard = (await get('/api/scorecard', viewer)).body as Scorecard;
    const green = scorecard.indicators.find(
      (row) => !row.exception && row.code !== 'FD01' && row.value !== null,
    );
    if (!green) throw new Error('no green indicator');
    const periods = (await get('/api/periods', viewer)).body as { periods: { period: string }[] };
    const earlier = periods.periods
      .map((p) => p.period)
      .filter((p) => p < period)
      .at(-1);
    if (!earlier) throw new Error('no earlier quarter');
    const last = (
      await send('post', '/api/exceptions', manager, { indicatorCode: green.code, period: earlier })
    ).body as ExceptionReport;
    await send('patch', `/api/exceptions/${last.id}`, manager, {
      version: last.version,
      actions: [
        { what: 'Audit ten cases', ownerAgency: 'CSC', dueDate: '2025-09-30', status: 'open' },
        { what: 'Already finished', ownerAgency: 'CSC', dueDate: '2025-01-31', status: 'done' },
      ],
    });
    const now = await send('post', '/api/exceptions', manager, { indicatorCode: green.code, period });
    expect(now.status).toBe(201);
    const carried = (now.body as ExceptionReport).actions;
    expect(carried.map((a) => [a.what, a.carriedOverFrom])).toEqual([['Audit ten cases', earlier]]);
  });

  it('adds a "figures revised" note when a later snapshot changes the figure, and never rewrites the evidence', async () => {
    const report = (await listAs(manager, { status: 'draft' })).items.find(
      (item) => item.openedBy === 'automatic',
    );
    if (!report) throw new Error('no automatic draft left');
    const latest = ((await get('/api/scorecard', viewer)).body as Scorecard).snapshotId;
    // Pretend the draft was opened from figures that have since been revised.
    const frozen = { ...report.evidence, value: -1, display: '-1.0', snapshotId: snapshotId };
    await app
      .get(DataSource)
      .query(`update exception_report set evidence = $2 where id = $1`, [report.id, frozen]);
    await app.get(ExceptionReportsService).onSnapshotPublished(latest);
    const revised = (await get(`/api/exceptions/${report.id}`, manager)).body as ExceptionReport;
    expect(revised.evidence.display).toBe('-1.0');
    expect(revised.revisions).toHaveLength(1);
    expect(revised.revisions[0]).toMatchObject({ snapshotId: latest, display: report.evidence.display });
    const history = (await get(`/api/exceptions/${report.id}/history`, manager)).body as HistoryEntry[];
    expect(history.at(-1)?.action).toBe('revised');
    const audited = (
      (await get('/api/audit', admin).query({ target: `exception:${report.id}` })).body as {
        items: AuditEntry[];
      }
    ).items;
    expect(audited.map((entry) => entry.action)).toContain('exception.revised');
    // The same snapshot again adds nothing.
    await app.get(ExceptionReportsService).onSnapshotPublished(latest);
    expect(
      ((await get(`/api/exceptions/${report.id}`, manager)).body as ExceptionReport).revisions,
    ).toHaveLength(1);
  });

  it('closes an automatic report whose indicator is no longer an exception, but not one opened by hand', async () => {
    const scorecard = (await get('/api/scorecard', viewer)).body as Scorecard;
    const byHand = (await listAs(manager)).items.find(
      (item) =>
        item.openedBy === 'by_hand' &&
        !scorecard.indicators.find((i) => i.code === item.indicatorCode)?.exception,
    );
    if (!byHand) throw new Error('no report on a non-exception indicator');
    const database = app.get(DataSource);
    // As if opened from an earlier snapshot, so the latest one is checked against it.
    await database.query(
      `update exception_report set evidence = evidence || '{"snapshotId":"earlier"}' where id = $1`,
      [byHand.id],
    );
    await app.get(ExceptionReportsService).onSnapshotPublished(scorecard.snapshotId);
    expect(((await get(`/api/exceptions/${byHand.id}`, manager)).body as ExceptionReport).status).toBe(
      'draft',
    );
    await database.query(`update exception_report set opened_by = 'automatic' where id = $1`, [byHand.id]);
    await app.get(ExceptionReportsService).onSnapshotPublished(scorecard.snapshotId);
    expect(((await get(`/api/exceptions/${byHand.id}`, manager)).body as ExceptionReport).status).toBe(
      'closed',
    );
    const audited = (
      (await get('/api/audit', admin).query({ target: `exception:${byHand.id}` })).body as {
        items: AuditEntry[];
      }
    ).items;
    expect(audited.find((entry) => entry.action === 'exception.closed')).toMatchObject({
      actorEmail: null,
      detail: expect.objectContaining({ fields: expect.arrayContaining(['status']) }) as unknown,
    });
  });
});

describe('commentary and subgroups', () => {
  it('lets a chair of the subgroup or an analyst write commentary, with history and a 409 on a stale version', async () => {
    const path = `/api/commentary/FD02/${period.replace(' ', '-')}`;
    expect((await get(path, viewer)).status).toBe(404);
    const written = await send('put', path, chair, { text: 'Decisions slowed over the summer.', version: 0 });
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({ version: 1, text: 'Decisions slowed over the summer.' });
    expect((await send('put', path, otherChair, { text: 'x', version: 1 })).status).toBe(403);
    expect((await send('put', path, analyst, { text: 'Stale', version: 0 })).status).toBe(409);
    const edited = await send('put', path, analyst, { text: 'Recovered in September.', version: 1 });
    expect(edited.status).toBe(200);
    const read = (await get(path, viewer)).body as Commentary;
    expect(read.history.map((entry) => entry.action)).toEqual(['written', 'edited']);
    const list = (await get('/api/commentary', viewer).query({ period })).body as Commentary[];
    expect(list.map((item) => item.indicatorCode)).toEqual(['FD02']);
    expect((await send('put', path, chair, { text: 'x'.repeat(1001), version: 2 })).status).toBe(400);
  });

  it('lists subgroups seeded from the catalogue; an admin adds and renames one (audited)', async () => {
    const list = (await get('/api/subgroups', viewer)).body as Subgroup[];
    expect(list.map((s) => s.name)).toEqual([
      'Performance Co-ordination',
      'Safeguarding Review and Learning Group',
    ]);
    expect(list.find((s) => s.id === 'safeguarding-review-and-learning-group')?.indicatorCodes).toEqual([
      'PT06',
    ]);
    const created = await send('post', '/api/subgroups', admin, {
      name: 'Neglect',
      indicatorCodes: ['ng01'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'neglect', indicatorCodes: ['NG01'], retired: false });
    expect((await send('post', '/api/subgroups', admin, { name: 'neglect' })).status).toBe(409);
    const renamed = await send('patch', '/api/subgroups/neglect', admin, {
      name: 'Neglect and cumulative harm',
      retired: true,
    });
    expect(renamed.body).toMatchObject({ id: 'neglect', name: 'Neglect and cumulative harm', retired: true });
    const audit = await get('/api/audit', admin).query({ target: 'subgroup:neglect' });
    expect((audit.body as { items: unknown[] }).items).toHaveLength(2);
  });

  it('lets an admin assign indicators to a subgroup (audited), which decides what its chairs may open; retiring it ends that', async () => {
    const catalogue = (await get('/api/indicators', viewer)).body as CatalogueIndicator[];
    expect(catalogue.find((i) => i.code === 'FD02')).toMatchObject({ theme: 'front_door' });
    const code = catalogue
      .map((i) => i.code)
      .filter((c) => !exceptionCodes.includes(c))
      .at(-1);
    if (!code) throw new Error('no indicator to assign');
    const periods = ((await get('/api/periods', viewer)).body as { periods: { period: string }[] }).periods;
    const [first, second] = periods.map((p) => p.period);
    if (!first || !second) throw new Error('fewer than two quarters');

    const created = await send('post', '/api/subgroups', admin, { name: 'Front Door Review' });
    expect(created.body).toMatchObject({ id: 'front-door-review', indicatorCodes: [] });
    const reviewer = await person(['chair'], ['front-door-review'], 'Fran Review');
    const before = await send('post', '/api/exceptions', reviewer, { indicatorCode: code, period: first });
    expect(before.status).toBe(403);

    const unknown = await send('patch', '/api/subgroups/front-door-review', admin, {
      indicatorCodes: ['XX99'],
    });
    expect(unknown.status).toBe(400);
    expect((await send('patch', '/api/subgroups/no-such-group', admin, { retired: true })).status).toBe(404);
    expect(
      (await send('patch', '/api/subgroups/front-door-review', chair, { indicatorCodes: [code] })).status,
    ).toBe(403);
    const assigned = await send('patch', '/api/subgroups/front-door-review', admin, {
      indicatorCodes: [code.toLowerCase(), code],
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ indicatorCodes: [code], retired: false });
    const listed = ((await get('/api/subgroups', viewer)).body as Subgroup[]).find(
      (s) => s.id === 'front-door-review',
    );
    expect(listed?.indicatorCodes).toEqual([code]);

    const opened = await send('post', '/api/exceptions', reviewer, { indicatorCode: code, period: first });
    expect(opened.status).toBe(201);
    expect((opened.body as ExceptionReport).subgroupIds).toContain('front-door-review');

    expect(
      (await send('patch', '/api/subgroups/front-door-review', admin, { retired: true })).body,
    ).toMatchObject({ retired: true, indicatorCodes: [code] });
    const afterRetiring = await send('post', '/api/exceptions', reviewer, {
      indicatorCode: code,
      period: second,
    });
    expect(afterRetiring.status).toBe(403);
    // The report opened while it was in use stays its chair's to write.
    expect((await get(`/api/exceptions/${(opened.body as ExceptionReport).id}`, reviewer)).status).toBe(200);

    const audit = (
      (await get('/api/audit', admin).query({ target: 'subgroup:front-door-review' })).body as {
        items: AuditEntry[];
      }
    ).items;
    expect(audit.map((entry) => entry.action).sort()).toEqual([
      'subgroup.created',
      'subgroup.updated',
      'subgroup.updated',
    ]);
    expect(audit.map((entry) => entry.detail)).toContainEqual(
      expect.objectContaining({ changed: ['indicatorCodes'], indicatorCodes: [code] }),
    );
  });
});
