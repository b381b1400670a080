/**
 * The scorecard routes over HTTP against real runs: a demo inbox is loaded, then a later
 * extract is loaded after a target change, so two snapshots exist.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type {
  AuditEntry,
  IndicatorDetail,
  IndicatorRecord,
  Page,
  PeriodList,
  Scorecard,
  SnapshotSummary,
  TargetList,
  TargetOverride,
} from '@oscp/contracts';
import { quartersBetween } from '@oscp/calendar';
import { generateDemoInbox } from '@oscp/etl';
import { tableFromIPC } from 'apache-arrow';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineService } from '../../apps/api/src/pipeline/pipeline.service';
import { TargetsService } from '../../apps/api/src/targets/targets.service';
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

let harness: AuthTestApp;
let app: NestExpressApplication;
let inbox: string;
let viewer: SignedIn;
let analyst: SignedIn;
let admin: SignedIn;
/** The snapshot of the first run, before the target change. */
let firstSnapshotId: string;
let firstScorecard: Scorecard;

const http = () => request(serverOf(app));
const get = (path: string, who: SignedIn = viewer) => http().get(path).set('cookie', who.cookie);

async function runEtl(runDate: string): Promise<string> {
  const outcome = await app.get(PipelineService).run('cli', { inboxDir: inbox, runDate });
  if (outcome.run.status !== 'published' || !outcome.run.snapshotId) {
    throw new Error(`The run did not publish: ${outcome.run.status} ${outcome.run.error ?? outcome.message}`);
  }
  return outcome.run.snapshotId;
}

beforeAll(async () => {
  inbox = mkdtempSync(join(tmpdir(), 'oscp-scorecard-inbox-'));
  await generateDemoInbox({ outDir: inbox, seed: 7, scale: 0.1, asOf: '2025-05-15' });
  harness = await startAuthTestApp();
  app = harness.app;
  viewer = await userWithRoles(app, ['viewer'], '198.51.100.61');
  analyst = await userWithRoles(app, ['analyst'], '198.51.100.62');
  admin = await signIn(app, ADMIN_EMAIL, ADMIN_PASSWORD, '198.51.100.63');
  firstSnapshotId = await runEtl('2025-05-30');
  const response = await get('/api/scorecard');
  firstScorecard = response.body as Scorecard;
});

afterAll(async () => {
  await harness?.close();
  if (inbox) rmSync(inbox, { recursive: true, force: true });
});

const names0 = (list: PeriodList): string[] => list.periods.map((p) => p.period);

describe('periods and scorecards', () => {
  it('lists the periods of the published snapshot with its default', async () => {
    const response = await get('/api/periods');
    expect(response.status).toBe(200);
    const list = response.body as PeriodList;
    expect(list.snapshotId).toBe(firstSnapshotId);
    expect(list.defaultPeriod).toBe('2024-25 Q4');
    expect(list.periods.find((p) => p.period === '2022-23 Q1')).toEqual({
      period: '2022-23 Q1',
      start: '2022-04-01',
      end: '2022-06-30',
      complete: true,
    });
    expect(list.periods.at(-1)?.period).toBe('2024-25 Q4');
    // The demo extracts start in April 2022: quarters before hold only plans already open then.
    expect(list.coveredFrom).toBe('2022-23 Q1');
    expect(list.periods.filter((p) => !p.complete).map((p) => p.period)).toEqual(
      names0(list).filter((p) => p < '2022-23'),
    );
    const names = list.periods.map((p) => p.period);
    expect(names).toEqual(quartersBetween(names[0] ?? '2022-23 Q1', '2024-25 Q4'));
  });

  it("serves the default period's scorecard with 26 indicators, each with an 8-quarter trend", () => {
    expect(firstScorecard.period).toBe('2024-25 Q4');
    expect(firstScorecard.snapshotId).toBe(firstSnapshotId);
    expect(firstScorecard.runDate).toBe('2025-05-30');
    expect(firstScorecard.publishedView).toBe(false);
    expect(firstScorecard.indicators).toHaveLength(26);
    const fd01 = firstScorecard.indicators[0];
    expect(fd01?.code).toBe('FD01');
    expect(fd01?.trend).toHaveLength(8);
    expect(fd01?.trend?.at(-1)).toEqual({ period: '2024-25 Q4', value: fd01?.value });
    expect(fd01?.trend?.[0]?.period).toBe('2023-24 Q1');
  });

  it('accepts the period URL-encoded and as a slug, with the same answer', async () => {
    const encoded = await get('/api/scorecard?period=2024-25%20Q3');
    const slug = await get('/api/scorecard?period=2024-25-Q3');
    expect(encoded.status).toBe(200);
    expect((encoded.body as Scorecard).period).toBe('2024-25 Q3');
    expect(slug.body).toEqual(encoded.body);
  });

  it('answers 400 with a field message for a period that cannot exist', async () => {
    const response = await get('/api/scorecard?period=2024-26%20Q3');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      message: 'The request is not valid.',
      fields: [{ field: 'period', message: expect.stringContaining('"2024-26 Q3" is not a valid period') }],
    });
  });

  it('answers 404 for a period the snapshot does not cover, and for an unknown snapshot', async () => {
    const period = await get('/api/scorecard?period=2015-16-Q1');
    expect(period.status).toBe(404);
    expect(period.body).toEqual({
      statusCode: 404,
      message: expect.stringContaining('2015-16 Q1 is not in snapshot'),
    });
    const snapshot = await get('/api/scorecard?snapshot=00000000-0000-4000-8000-000000000000');
    expect(snapshot.status).toBe(404);
    expect(snapshot.body).toMatchObject({ statusCode: 404 });
  });

  it('needs a signed-in user', async () => {
    const response = await http().get('/api/scorecard');
    expect(response.status).toBe(401);
  });

  it('gives the same figures as Arrow as it does as JSON', async () => {
    const json = (await get('/api/scorecard?period=2024-25-Q2')).body as Scorecard;
    const response = await get('/api/scorecard.arrow?period=2024-25%20Q2').responseType('blob');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(response.body as Buffer);
    const rows = table.toArray().map((row) => row.toJSON() as Record<string, unknown>);
    expect(rows.map((row) => row.code)).toEqual(json.indicators.map((i) => i.code));
    json.indicators.forEach((indicator, index) => {
      const row = rows[index];
      expect(row).toMatchObject({
        period: '2024-25 Q2',
        numerator: indicator.numerator,
        denominator: indicator.denominator,
        value: indicator.value,
        display: indicator.display,
        rag: indicator.rag,
        direction: indicator.direction,
        previous_value: indicator.previousValue,
        exception: indicator.exception,
        tolerance: indicator.tolerance,
        comparator_england: indicator.comparators?.england ?? null,
      });
    });
  });

  it('records each Arrow export in the audit log: who, which snapshot and quarter', async () => {
    const db = app.get(DataSource);
    const exports = async () =>
      (await db.query(
        `select actor_email, target, detail from audit_log where action = 'export.scorecard' order by id`,
      )) as { actor_email: string; target: string; detail: Record<string, unknown> }[];
    const before = (await exports()).length;
    await get('/api/scorecard.arrow?period=2024-25-Q1').responseType('blob').expect(200);
    const after = await exports();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toEqual({
      actor_email: viewer.info.user.email,
      target: `snapshot:${firstSnapshotId}`,
      detail: { format: 'arrow', period: '2024-25 Q1', published: false },
    });
  });

  it('shows [c] in the published view wherever a count, numerator or denominator is 1-5, and real values inside', async () => {
    const periods = ((await get('/api/periods')).body as PeriodList).periods.map((p) => p.period);
    let suppressed = 0;
    for (const period of periods) {
      const internal = (await get(`/api/scorecard?period=${encodeURIComponent(period)}`)).body as Scorecard;
      const published = (await get(`/api/scorecard?period=${encodeURIComponent(period)}&published=true`))
        .body as Scorecard;
      expect(published.publishedView).toBe(true);
      internal.indicators.forEach((indicator, index) => {
        const shown = published.indicators[index];
        const small = (n: number | null) => n !== null && n >= 1 && n <= 5;
        const disclosive =
          indicator.status === 'ok' &&
          (indicator.unit === 'count'
            ? small(indicator.numerator)
            : small(indicator.numerator) || small(indicator.denominator));
        if (disclosive) {
          suppressed += 1;
          expect(indicator.display).not.toBe('[c]');
          expect(shown).toMatchObject({
            display: '[c]',
            numerator: null,
            denominator: null,
            value: null,
            status: 'suppressed',
          });
        } else {
          expect(shown?.display).toBe(indicator.display);
        }
        indicator.breakdown.forEach((entry, entryIndex) => {
          if (small(entry.numerator) || small(entry.denominator)) {
            suppressed += 1;
            expect(shown?.breakdown[entryIndex]).toEqual({
              key: entry.key,
              numerator: null,
              denominator: null,
              value: null,
            });
          }
        });
      });
    }
    // The demo data at this scale has small numbers; the test must have checked some.
    expect(suppressed).toBeGreaterThan(0);
  });
});

describe('indicator detail and records', () => {
  it('gives the definition, the trend of the asked quarters, and data-quality notes for its sources', async () => {
    const response = await get('/api/indicators/CP02?quarters=4&period=2024-25-Q3');
    expect(response.status).toBe(200);
    const detail = response.body as IndicatorDetail;
    expect(detail.definition.code).toBe('CP02');
    expect(detail.period).toBe('2024-25 Q3');
    expect(detail.trend.map((p) => p.period)).toEqual([
      '2023-24 Q4',
      '2024-25 Q1',
      '2024-25 Q2',
      '2024-25 Q3',
    ]);
    const q3 = firstScorecardAt('2024-25 Q3', 'CP02');
    expect(detail.current.value).toBe((await q3).value);
    expect(detail.dataQuality.map((n) => n.dataset)).toEqual(detail.definition.source);
    // The notes count every quarantined row of the files the snapshot was built from.
    const recorded: { dataset: string; rows: number }[] = await app.get(DataSource).query(
      `select dataset, count(distinct (file_name, line))::integer as rows
       from quality_finding where kind = 'row_quarantined' group by dataset`,
    );
    for (const note of detail.dataQuality) {
      expect(note.quarantinedRows).toBe(recorded.find((r) => r.dataset === note.dataset)?.rows ?? 0);
      expect(note.rejectedFiles).toBe(0);
    }
    expect(detail.dataQuality.some((note) => note.quarantinedRows > 0)).toBe(true);
  });

  it('answers 404 for an unknown indicator and 400 for a bad quarters count', async () => {
    const unknown = await get('/api/indicators/ZZ99');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      statusCode: 404,
      message: 'There is no indicator ZZ99 in the catalogue.',
    });
    const bad = await get('/api/indicators/FD01?quarters=0');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ fields: [{ field: 'quarters' }] });
  });

  it('refuses the records behind a figure to a viewer', async () => {
    const response = await get('/api/indicators/FD02/records?period=2024-25-Q3&part=numerator', viewer);
    expect(response.status).toBe(403);
  });

  it('pages through the records for an analyst, as many as the figure counts, and audits the view without ids', async () => {
    const fd02 = await firstScorecardAt('2024-25 Q3', 'FD02');
    const response = await get(
      '/api/indicators/FD02/records?period=2024-25-Q3&part=numerator&limit=5&offset=0',
      analyst,
    );
    expect(response.status).toBe(200);
    const page = response.body as Page<IndicatorRecord>;
    expect(page.total).toBe(fd02.numerator);
    expect(page.limit).toBe(5);
    expect(page.items).toHaveLength(Math.min(5, fd02.numerator ?? 0));
    for (const item of page.items) {
      expect(item.dataset).toBe('contacts');
      expect(Object.keys(item).sort()).toEqual(['childId', 'dataset', 'recordId']);
    }
    const denominator = await get(
      '/api/indicators/FD02/records?period=2024-25-Q3&part=denominator&limit=1',
      analyst,
    );
    expect((denominator.body as Page<IndicatorRecord>).total).toBe(fd02.denominator);

    const audit = await get('/api/audit?action=records.viewed&limit=50', admin);
    expect(audit.status).toBe(200);
    const entries = (audit.body as Page<AuditEntry>).items;
    expect(entries.length).toBeGreaterThanOrEqual(2);
    const entry = entries.find((e) => e.detail.part === 'numerator');
    expect(entry?.detail).toEqual({ code: 'FD02', period: '2024-25 Q3', part: 'numerator' });
    expect(entry?.actorEmail).toBe(analystEmail());
    const firstId = page.items[0]?.recordId ?? 'none';
    expect(JSON.stringify(entries)).not.toContain(firstId);
  });
});

describe('targets and snapshots', () => {
  it('refuses a target change to a viewer and for a context indicator', async () => {
    const asViewer = await http()
      .put('/api/targets/FD02/2024-25')
      .set('cookie', viewer.cookie)
      .set('x-csrf-token', viewer.info.csrfToken)
      .send({ target: 97, tolerance: 2, reason: 'Board decision' });
    expect(asViewer.status).toBe(403);
    const context = await http()
      .put('/api/targets/FD01/2024-25')
      .set('cookie', analyst.cookie)
      .set('x-csrf-token', analyst.info.csrfToken)
      .send({ target: 2000, tolerance: 0, reason: 'No' });
    expect(context.status).toBe(400);
    expect(context.body).toEqual({
      statusCode: 400,
      message: 'The target cannot be set.',
      fields: [{ field: 'target', message: 'FD01 is a context indicator: it has no target.' }],
    });
    const missingReason = await http()
      .put('/api/targets/FD02/2024-25')
      .set('cookie', analyst.cookie)
      .set('x-csrf-token', analyst.info.csrfToken)
      .send({ target: 97, tolerance: 2 });
    expect(missingReason.status).toBe(400);
    expect(missingReason.body).toMatchObject({ fields: [{ field: 'reason' }] });
  });

  it('records a change with who, when and why; it applies from the next run and leaves the old snapshot alone', async () => {
    const change = await http()
      .put('/api/targets/FD02/2024-25')
      .set('cookie', analyst.cookie)
      .set('x-csrf-token', analyst.info.csrfToken)
      .send({ target: 99.5, tolerance: 0.5, reason: 'Raised after the MASH review' });
    expect(change.status).toBe(200);
    const saved = change.body as TargetOverride;
    expect(saved).toMatchObject({
      code: 'FD02',
      financialYear: '2024-25',
      target: 99.5,
      tolerance: 0.5,
      createdBy: analyst.info.user.displayName,
    });
    // A viewer sees who changed it by name: no email address anywhere in the list.
    const seenByViewer = await get('/api/targets?financialYear=2024-25', viewer);
    expect(seenByViewer.status).toBe(200);
    expect(seenByViewer.text).toContain(analyst.info.user.displayName);
    expect(seenByViewer.text).not.toContain(analystEmail());
    expect(seenByViewer.text).not.toMatch(/@example\.org/);

    const list = (await get('/api/targets?financialYear=2024-25')).body as TargetList;
    const fd02 = list.items.find((item) => item.code === 'FD02');
    expect(fd02).toMatchObject({
      target: 99.5,
      tolerance: 0.5,
      source: 'override',
      catalogueTarget: 95,
      catalogueTolerance: 5,
    });
    expect(fd02?.history.map((h) => h.reason)).toEqual(['Raised after the MASH review']);
    expect(list.items.find((item) => item.code === 'CP05')?.target).toEqual({ low: 15, high: 23 });

    // Published snapshots are immutable: the current one still has the catalogue target.
    const before = await firstScorecardAt('2024-25 Q3', 'FD02');
    expect(before).toMatchObject({ target: 95, targetSource: 'catalogue' });

    // A later extract arrives; the next run builds with the override.
    await generateDemoInbox({ outDir: inbox, seed: 8, scale: 0.1, asOf: '2025-08-15' });
    const secondSnapshotId = await runEtl('2025-08-30');
    expect(secondSnapshotId).not.toBe(firstSnapshotId);

    const after = (await get('/api/scorecard?period=2024-25-Q3')).body as Scorecard;
    expect(after.snapshotId).toBe(secondSnapshotId);
    expect(after.indicators.find((i) => i.code === 'FD02')).toMatchObject({
      target: 99.5,
      tolerance: 0.5,
      targetSource: 'override',
    });
    // Another financial year keeps the catalogue target.
    const otherYear = (await get('/api/scorecard?period=2023-24-Q3')).body as Scorecard;
    expect(otherYear.indicators.find((i) => i.code === 'FD02')).toMatchObject({
      target: 95,
      targetSource: 'catalogue',
    });

    // The snapshot the meeting saw can still be reopened, unchanged.
    const reopened = await get(`/api/scorecard?snapshot=${firstSnapshotId}`);
    expect(reopened.status).toBe(200);
    expect(reopened.body).toEqual(firstScorecard);
    const reopenedQ3 = (await get(`/api/scorecard?snapshot=${firstSnapshotId}&period=2024-25-Q3`))
      .body as Scorecard;
    expect(reopenedQ3.indicators.find((i) => i.code === 'FD02')).toMatchObject({
      target: 95,
      targetSource: 'catalogue',
    });
    const oldPeriods = (await get(`/api/periods?snapshot=${firstSnapshotId}`)).body as PeriodList;
    expect(oldPeriods.defaultPeriod).toBe('2024-25 Q4');
    const newPeriods = (await get('/api/periods')).body as PeriodList;
    expect(newPeriods.defaultPeriod).toBe('2025-26 Q1');

    const snapshots = (await get('/api/snapshots')).body as Page<SnapshotSummary>;
    expect(snapshots.total).toBe(2);
    expect(snapshots.items.map((s) => [s.id, s.current])).toEqual([
      [secondSnapshotId, true],
      [firstSnapshotId, false],
    ]);
    // People name a snapshot by its run: the later run has the higher number.
    const [newer, older] = snapshots.items;
    expect(older?.runNumber).toBeGreaterThanOrEqual(1);
    expect(newer?.runNumber).toBeGreaterThan(older?.runNumber ?? Number.POSITIVE_INFINITY);

    const audit = (await get('/api/audit?action=target.changed', admin)).body as Page<AuditEntry>;
    expect(audit.items[0]?.detail).toMatchObject({
      code: 'FD02',
      financialYear: '2024-25',
      target: 99.5,
      previousTarget: 95,
    });
  });
});

describe('target history', () => {
  it('keeps every change; the latest per indicator and year is the one the next build uses', async () => {
    const put = (target: unknown, reason: string) =>
      http()
        .put('/api/targets/CP05/2025-26')
        .set('cookie', analyst.cookie)
        .set('x-csrf-token', analyst.info.csrfToken)
        .send({ target, tolerance: 2, reason });
    expect((await put({ low: 12, high: 20 }, 'First view')).status).toBe(200);
    expect((await put({ low: 14, high: 22 }, 'Second view')).status).toBe(200);
    expect((await put(18, 'A single number')).status).toBe(400);

    const list = (await get('/api/targets?financialYear=2025-26')).body as TargetList;
    const cp05 = list.items.find((item) => item.code === 'CP05');
    expect(cp05?.target).toEqual({ low: 14, high: 22 });
    expect(cp05?.history.map((h) => h.reason)).toEqual(['Second view', 'First view']);

    const forBuild = await app.get(TargetsService).overridesForBuild();
    expect(forBuild.filter((o) => o.code === 'CP05')).toEqual([
      { code: 'CP05', financialYear: '2025-26', target: { low: 14, high: 22 }, tolerance: 2 },
    ]);
    expect(forBuild).toContainEqual({ code: 'FD02', financialYear: '2024-25', target: 99.5, tolerance: 0.5 });
  });
});

async function firstScorecardAt(period: string, code: string): Promise<Scorecard['indicators'][number]> {
  const scorecard = (await get(`/api/scorecard?period=${encodeURIComponent(period)}`)).body as Scorecard;
  const indicator = scorecard.indicators.find((i) => i.code === code);
  if (!indicator) throw new Error(`${code} missing from ${period}`);
  return indicator;
}

function analystEmail(): string {
  return analyst.info.user.email;
}
