import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { UploadAccepted } from '@oscp/contracts';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverOf, startAuthTestApp, userWithRoles, type AuthTestApp, type SignedIn } from './auth-helpers';

const FIXTURE = resolve(__dirname, '..', 'fixtures', 'ok', 'referrals', 'referrals_20250401.csv');

let harness: AuthTestApp;
let app: NestExpressApplication;
let analyst: SignedIn;

beforeAll(async () => {
  harness = await startAuthTestApp();
  app = harness.app;
  analyst = await userWithRoles(app, ['analyst']);
});

afterAll(async () => {
  await harness?.close();
});

async function waitForRun(runId: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const response = await request(serverOf(app)).get(`/api/runs/${runId}`).set('cookie', analyst.cookie);
    if (response.status === 200 && (response.body as { status: string }).status !== 'running') return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`Run ${runId} did not finish`);
}

/** Every file under a folder, as paths relative to it. */
function filesUnder(folder: string, prefix = ''): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(folder, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

describe('upload file names', () => {
  it.each([
    ['../../etc/passwd.csv'],
    ['..%2F..%2F..%2Fpasswd.csv'],
    ['/etc/passwd.csv'],
    ['..\\..\\windows\\evil.csv'],
    ['evil\u0000.csv'],
  ])('neutralises %j: the stored file is named by the server, inside the inbox', async (fileName) => {
    const before = new Set(filesUnder(harness.dataDir));
    const response = await request(serverOf(app))
      .post('/api/submissions')
      .set('cookie', analyst.cookie)
      .set('x-csrf-token', analyst.info.csrfToken)
      .field('dataset', 'referrals')
      .attach('file', readFileSync(FIXTURE), { filename: fileName, contentType: 'text/csv' });
    if (response.status === 202) {
      await waitForRun((response.body as UploadAccepted).runId);
    } else {
      // Refusing the name outright is as good as neutralising it.
      expect(response.status).toBe(400);
    }
    const added = filesUnder(harness.dataDir).filter(
      (path) => !before.has(path) && !path.startsWith('postgres/') && !path.startsWith('snapshots/'),
    );
    for (const path of added) {
      expect(path).not.toMatch(/passwd|evil|\.\./);
      expect(path).toMatch(
        /^(inbox\/referrals\/referrals_\d{8}_upload\d+\.csv|submissions\/.+|uploads\/.+|[^/]+)$/,
      );
    }
    expect(existsSync(resolve(harness.dataDir, '..', 'passwd.csv'))).toBe(false);
    expect(existsSync(resolve(harness.dataDir, '..', '..', 'etc', 'passwd.csv'))).toBe(false);
  });

  it('keeps the client name out of the inbox entirely', () => {
    const inbox = filesUnder(join(harness.dataDir, 'inbox'));
    expect(inbox.length).toBeGreaterThan(0);
    expect(inbox.every((path) => /^referrals\/referrals_\d{8}_upload\d+\.csv$/.test(path))).toBe(true);
  });
});
