/**
 * The scorecard and an indicator's detail under load while a run publishes a new snapshot: every
 * request answers, and every answer is wholly one snapshot's (the caches of computed scorecards
 * and details are keyed by snapshot and dropped on publish, so they never mix or serve a stale
 * current one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IndicatorDetail, Scorecard } from '@oscp/contracts';
import { generateDemoInbox } from '@oscp/etl';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineService } from '../../apps/api/src/pipeline/pipeline.service';
import { ScorecardService } from '../../apps/api/src/scorecard/scorecard.service';
import { RunDataQuality, SnapshotAccess } from '../../apps/api/src/scorecard/snapshot-access';
import { serverOf, startAuthTestApp, userWithRoles, type AuthTestApp, type SignedIn } from './auth-helpers';

let harness: AuthTestApp;
let app: NestExpressApplication;
let inbox: string;
let viewer: SignedIn;

async function runEtl(runDate: string): Promise<string> {
  const outcome = await app.get(PipelineService).run('cli', { inboxDir: inbox, runDate });
  if (outcome.run.status !== 'published' || !outcome.run.snapshotId)
    throw new Error(`The run did not publish: ${outcome.run.status} ${outcome.run.error ?? outcome.message}`);
  return outcome.run.snapshotId;
}

beforeAll(async () => {
  inbox = mkdtempSync(join(tmpdir(), 'oscp-publish-load-inbox-'));
  await generateDemoInbox({ outDir: inbox, seed: 11, scale: 0.1, asOf: '2025-05-15' });
  harness = await startAuthTestApp();
  app = harness.app;
  viewer = await userWithRoles(app, ['viewer'], '198.51.100.91');
});

afterAll(async () => {
  await harness?.close();
  if (inbox) rmSync(inbox, { recursive: true, force: true });
});

describe('the scorecard and indicator detail while a run publishes', () => {
  it('answers every request with one whole snapshot, the old one before the publish and the new one after', async () => {
    const first = await runEtl('2025-05-30');
    const routes = ['/api/scorecard', '/api/indicators/CP01'] as const;
    type Route = (typeof routes)[number];
    const get = (route: Route) => request(serverOf(app)).get(route).set('cookie', viewer.cookie);

    const answers: {
      route: Route;
      status: number;
      body: Scorecard | IndicatorDetail;
      afterPublish: boolean;
    }[] = [];
    let published = false;
    const afterPublishOf = new Map<Route, number>(routes.map((route) => [route, 0]));
    const enoughAfterPublish = () => routes.every((route) => (afterPublishOf.get(route) ?? 0) >= 20);
    // Each worker alternates the two routes, starting with its own, so both are asked throughout.
    const worker = async (index: number) => {
      for (let turn = index; !failed && (!published || !enoughAfterPublish()); turn += 1) {
        const route = routes[turn % routes.length] ?? '/api/scorecard';
        const afterPublish = published;
        const response = await get(route);
        answers.push({
          route,
          status: response.status,
          body: response.body as Scorecard | IndicatorDetail,
          afterPublish,
        });
        if (afterPublish) afterPublishOf.set(route, (afterPublishOf.get(route) ?? 0) + 1);
      }
    };
    // A later extract of every dataset (extract date 2025-07-07, a quarter more), with other
    // records (another seed), so that the second run publishes other figures for both routes, not
    // only another snapshot id.
    await generateDemoInbox({ outDir: inbox, seed: 12, scale: 0.1, asOf: '2025-07-10' });
    let failed = false;
    const publishing = runEtl('2025-07-31').then(
      (id) => {
        published = true;
        return id;
      },
      (error: unknown) => {
        failed = true;
        throw error;
      },
    );
    const [second] = await Promise.all([
      publishing,
      ...Array.from({ length: 8 }, (_, index) => worker(index)),
    ]);
    expect(second).not.toBe(first);

    // The expected answers, computed afresh (a service of its own has nothing cached).
    const fresh = new ScorecardService(app.get(SnapshotAccess), app.get(RunDataQuality));
    const expected = new Map<string, Scorecard | IndicatorDetail>();
    for (const snapshot of [first, second]) {
      expected.set(`/api/scorecard ${snapshot}`, await fresh.scorecard({ snapshot, published: false }));
      expected.set(
        `/api/indicators/CP01 ${snapshot}`,
        await fresh.indicatorDetail('CP01', { snapshot, quarters: 8 }),
      );
    }
    // The two snapshots' figures differ (not only their ids), so an answer mixing them would show.
    const figuresOf = (answer: Scorecard | IndicatorDetail | undefined) =>
      answer && 'indicators' in answer
        ? answer.indicators
        : { current: answer?.current, trend: answer?.trend };
    for (const route of routes)
      expect(figuresOf(expected.get(`${route} ${first}`))).not.toEqual(
        figuresOf(expected.get(`${route} ${second}`)),
      );

    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    for (const answer of answers) {
      const whole = expected.get(`${answer.route} ${answer.body.snapshotId}`);
      expect(whole, `an answer of ${answer.route} from snapshot ${answer.body.snapshotId}`).toBeDefined();
      // No quarter is signed off here: the controller says so beside the snapshot's own figures.
      const { signOffState, ...figures } = answer.body;
      expect(signOffState ?? null).toBeNull();
      expect(JSON.parse(JSON.stringify(figures))).toEqual(JSON.parse(JSON.stringify(whole)));
      // A request sent after the publish committed never gets the old snapshot.
      if (answer.afterPublish) expect(answer.body.snapshotId).toBe(second);
    }
    for (const route of routes) {
      const ofRoute = answers.filter((answer) => answer.route === route);
      expect(ofRoute.some((answer) => answer.body.snapshotId === first)).toBe(true);
      expect(ofRoute.filter((answer) => answer.afterPublish).length).toBeGreaterThanOrEqual(20);
    }
  });
});
