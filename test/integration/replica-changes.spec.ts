/**
 * Two API replicas on one PostgreSQL database: each keeps sessions in memory for a few seconds,
 * so a sign-out or a role change made through one must reach the other through PostgreSQL
 * NOTIFY at once, well before a kept copy would age out (KEPT_COPY_MAX_AGE_MS).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { ChangeNotices, KEPT_COPY_MAX_AGE_MS } from '../../apps/api/src/database/change-notices';
import { SIGN_IN_REQUIRED_MESSAGE } from '../../apps/api/src/auth/session.guard';
import { signIn, userWithRoles } from './auth-helpers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startTestApp, TEST_ADMIN, waitFor, type TestApp } from '../support/test-app';

/** How soon the other replica must see a change: well inside the age at which its copy would lapse anyway. */
const HEARD_WITHIN_MS = KEPT_COPY_MAX_AGE_MS / 2;

let database: TestDatabase;
let first: TestApp;
let second: TestApp;
let secondDataDir: string;

/** Polls `check` until it is not 200; returns how long that took (ms) and the last answer. */
async function untilRefused(check: () => Promise<request.Response>): Promise<{ ms: number; body: unknown }> {
  const started = Date.now();
  for (;;) {
    const response = await check();
    if (response.status !== 200) {
      expect(response.status).toBe(401);
      return { ms: Date.now() - started, body: response.body };
    }
    if (Date.now() - started > KEPT_COPY_MAX_AGE_MS * 2) throw new Error('The other replica never refused.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Replicas share one PostgreSQL server; the embedded database belongs to one process.
describe.skipIf(!process.env.TEST_DATABASE_URL?.trim())('changes made through one replica', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    first = await startTestApp({ env: database.env });
    secondDataDir = mkdtempSync(join(tmpdir(), 'oscp-replica-'));
    second = await startTestApp({ env: { ...database.env, DATA_DIR: secondDataDir } });
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
    await database?.drop();
    if (secondDataDir) rmSync(secondDataDir, { recursive: true, force: true });
  });

  it('a sign-out on one replica ends the session on the other at once', async () => {
    const session = await signIn(first.app, TEST_ADMIN.email, TEST_ADMIN.password, '198.51.100.61');
    // The other replica has checked (and so keeps) the session.
    expect((await request(second.server).get('/api/auth/me').set('cookie', session.cookie)).status).toBe(200);
    const out = await request(first.server)
      .post('/api/auth/logout')
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.info.csrfToken);
    expect(out.status).toBe(204);
    const refused = await untilRefused(() =>
      request(second.server).get('/api/auth/me').set('cookie', session.cookie),
    );
    expect(refused.ms).toBeLessThan(HEARD_WITHIN_MS);
    expect(refused.body).toEqual({ statusCode: 401, message: SIGN_IN_REQUIRED_MESSAGE });
  });

  it('a role taken away on one replica is refused on the other at once', async () => {
    const admin = await signIn(first.app, TEST_ADMIN.email, TEST_ADMIN.password, '198.51.100.62');
    const analyst = await userWithRoles(first.app, ['viewer', 'analyst'], '198.51.100.63');
    expect((await request(second.server).get('/api/runs').set('cookie', analyst.cookie)).status).toBe(200);
    const change = await request(first.server)
      .patch(`/api/users/${analyst.info.user.id}`)
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.info.csrfToken)
      .send({ roles: ['viewer'] });
    expect(change.status).toBe(200);
    const started = Date.now();
    for (;;) {
      const response = await request(second.server).get('/api/runs').set('cookie', analyst.cookie);
      if (response.status === 403) break;
      expect(response.status).toBe(200);
      if (Date.now() - started > KEPT_COPY_MAX_AGE_MS * 2)
        throw new Error('The other replica never refused.');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(Date.now() - started).toBeLessThan(HEARD_WITHIN_MS);
  });

  it('drops what it keeps when its listening connection is lost, and keeps nothing until it listens again', async () => {
    const session = await signIn(first.app, TEST_ADMIN.email, TEST_ADMIN.password, '198.51.100.64');
    expect((await request(second.server).get('/api/auth/me').set('cookie', session.cookie)).status).toBe(200);
    const started = Date.now();
    const notices = second.app.get(ChangeNotices);
    expect(notices.coherent).toBe(true);
    const client = await database.connect();
    if (!client) throw new Error('This test needs PostgreSQL (TEST_DATABASE_URL).');
    try {
      // What a network fault or a database restart does to the listening connections.
      await client.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
         where datname = current_database() and query = 'listen oscp_changes' and pid <> pg_backend_pid()`,
      );
      await waitFor(async () => (notices.coherent ? undefined : true), 5_000, 'the connection to be lost');
      // A change no notice announces, made while the replica cannot hear any.
      const hash = createHash('sha256').update(session.token).digest('hex');
      await client.query('delete from user_session where token_hash = $1', [hash]);
      await waitFor(async () => (notices.coherent ? true : undefined), 10_000, 'listening again');
    } finally {
      await client.end();
    }
    const after = await request(second.server).get('/api/auth/me').set('cookie', session.cookie);
    expect(after.status).toBe(401);
    // Sooner than the kept copy would have aged out: it was dropped, not outlived.
    expect(Date.now() - started).toBeLessThan(KEPT_COPY_MAX_AGE_MS);
  });
});
