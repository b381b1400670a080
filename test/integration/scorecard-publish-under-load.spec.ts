/**
 * The scorecard under load while a run publishes a new snapshot: every request answers, and
 * every answer is wholly one snapshot's scorecard (the cache of computed scorecards is keyed by
 * snapshot and dropped on publish, so it never mixes or serves a stale current one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Scorecard } from '@oscp/contracts';
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

describe('the scorecard while a run publishes', () => {
  it('answers every request with one whole snapshot, the old one before the publish and the new one after', async () => {
    const first = await runEtl('2025-05-30');
    const get = () => request(serverOf(app)).get('/api/scorecard').set('cookie', viewer.cookie);

    const answers: { status: number; body: Scorecard; afterPublish: boolean }[] = [];
    let published = false;
    let requestsAfterPublish = 0;
    const worker = async () => {
      while (!published || requestsAfterPublish < 20) {
        const afterPublish = published;
        const response = await get();
        answers.push({ status: response.status, body: response.body as Scorecard, afterPublish });
        if (afterPublish) requestsAfterPublish += 1;
      }
    };
    // A later run date changes the run's inputs, so the second run builds and publishes anew.
    const publishing = runEtl('2025-06-30').then((id) => {
      published = true;
      return id;
    });
    const [second] = await Promise.all([publishing, ...Array.from({ length: 8 }, worker)]);
    expect(second).not.toBe(first);

    // The expected scorecards, computed afresh (a service of its own has nothing cached).
    const fresh = new ScorecardService(app.get(SnapshotAccess), app.get(RunDataQuality));
    const expected = new Map<string, Scorecard>([
      [first, await fresh.scorecard({ snapshot: first, published: false })],
      [second, await fresh.scorecard({ snapshot: second, published: false })],
    ]);
    expect(expected.get(first)).not.toEqual(expected.get(second));

    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    for (const answer of answers) {
      const whole = expected.get(answer.body.snapshotId);
      expect(whole, `an answer from snapshot ${answer.body.snapshotId}`).toBeDefined();
      // No quarter is signed off here: the controller says so beside the snapshot's own figures.
      const { signOffState, ...figures } = answer.body;
      expect(signOffState ?? null).toBeNull();
      expect(JSON.parse(JSON.stringify(figures))).toEqual(JSON.parse(JSON.stringify(whole)));
      // A request sent after the publish committed never gets the old snapshot.
      if (answer.afterPublish) expect(answer.body.snapshotId).toBe(second);
    }
    expect(answers.some((answer) => answer.body.snapshotId === first)).toBe(true);
    expect(answers.filter((answer) => answer.afterPublish).length).toBeGreaterThanOrEqual(20);
  });
});
