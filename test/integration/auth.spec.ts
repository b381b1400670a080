import { createHash } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AuditEntry, Page, SessionInfo } from '@oscp/contracts';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUTH_POLICY, SIGN_IN_FAILED_MESSAGE } from '../../apps/api/src/auth/auth-policy';
import { CSRF_MESSAGE, SESSION_EXPIRED_MESSAGE } from '../../apps/api/src/auth/session.guard';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  serverOf,
  sessionCookieOf,
  signIn,
  startAuthTestApp,
  userWithRoles,
  type AuthTestApp,
} from './auth-helpers';

let harness: AuthTestApp;
let app: NestExpressApplication;
let db: DataSource;

beforeAll(async () => {
  harness = await startAuthTestApp();
  app = harness.app;
  db = app.get(DataSource);
});

afterAll(async () => {
  await harness?.close();
});

const http = () => request(serverOf(app));

async function auditActions(action: string): Promise<AuditEntry[]> {
  const admin = await signIn(app, ADMIN_EMAIL, ADMIN_PASSWORD, '198.51.100.250');
  const response = await http().get('/api/audit').query({ action, limit: 500 }).set('cookie', admin.cookie);
  expect(response.status).toBe(200);
  return (response.body as Page<AuditEntry>).items;
}

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and returns SessionInfo', async () => {
    const response = await http()
      .post('/api/auth/login')
      .set('x-forwarded-for', '198.51.100.10')
      .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(response.status).toBe(200);
    const line = (response.headers['set-cookie'] as unknown as string[]).find((value) =>
      value.startsWith('oscp_session='),
    );
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/SameSite=Lax/);
    expect(line).not.toMatch(/Secure/);
    const info = response.body as SessionInfo;
    expect(info.user.email).toBe(ADMIN_EMAIL);
    expect(info.user.roles).toEqual(['viewer', 'chair', 'manager', 'analyst', 'admin']);
    expect(info.csrfToken.length).toBeGreaterThan(20);
    const expiresIn = Date.parse(info.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(DEFAULT_AUTH_POLICY.idleTimeoutMs - 60_000);
    expect(expiresIn).toBeLessThanOrEqual(DEFAULT_AUTH_POLICY.idleTimeoutMs);

    const me = await http()
      .get('/api/auth/me')
      .set('cookie', sessionCookieOf(response.headers['set-cookie']));
    expect(me.status).toBe(200);
    expect((me.body as SessionInfo).csrfToken).toBe(info.csrfToken);
  });

  it('marks the cookie Secure when the request arrived over TLS at a trusted proxy', async () => {
    const response = await http()
      .post('/api/auth/login')
      .set('x-forwarded-for', '198.51.100.11')
      .set('x-forwarded-proto', 'https')
      .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(response.status).toBe(200);
    expect(String(response.headers['set-cookie'])).toMatch(/Secure/);
  });

  it('stores only the SHA-256 of the session token', async () => {
    const session = await signIn(app, ADMIN_EMAIL, ADMIN_PASSWORD, '198.51.100.12');
    const rows: { token_hash: string }[] = await db.query('select token_hash from user_session');
    const expected = createHash('sha256').update(session.token).digest('hex');
    expect(rows.map((row) => row.token_hash)).toContain(expected);
    expect(JSON.stringify(await db.query('select * from user_session'))).not.toContain(session.token);
  });

  it('gives the same answer for an unknown email and a wrong password, and audits both without the typed text', async () => {
    const unknown = await http()
      .post('/api/auth/login')
      .set('x-forwarded-for', '198.51.100.13')
      .send({ email: 'nobody@example.org', password: 'whatever-typed-here' });
    const wrong = await http()
      .post('/api/auth/login')
      .set('x-forwarded-for', '198.51.100.13')
      .send({ email: ADMIN_EMAIL, password: 'not-the-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual({ statusCode: 401, message: SIGN_IN_FAILED_MESSAGE });
    expect(wrong.body).toEqual(unknown.body);
    const failures = await auditActions('auth.sign-in-failed');
    expect(failures.map((entry) => entry.detail.reason)).toEqual(
      expect.arrayContaining(['unknown-account', 'bad-password']),
    );
    const logged = JSON.stringify(failures);
    expect(logged).not.toContain('nobody@example.org');
    expect(logged).not.toContain('whatever-typed-here');
    expect(logged).not.toContain('not-the-password');
    expect(failures.some((entry) => entry.ip === '198.51.100.13')).toBe(true);
  });

  it('accepts JSON only', async () => {
    const form = await http()
      .post('/api/auth/login')
      .type('form')
      .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(form.status).toBe(415);
    const text = await http()
      .post('/api/auth/login')
      .set('content-type', 'text/plain')
      .send(`email=${ADMIN_EMAIL}`);
    expect(text.status).toBe(415);
  });

  it('answers 400 with field messages for a malformed body', async () => {
    const response = await http().post('/api/auth/login').send({ email: '', extra: 1 });
    expect(response.status).toBe(400);
    const fields = (response.body as { fields: { field: string }[] }).fields.map((field) => field.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password']));
  });
});

describe('lockout', () => {
  it('locks an account after 5 failures in a row, refuses even the right password while locked, and unlocks after 15 minutes', async () => {
    const user = await userWithRoles(app, ['analyst'], '198.51.100.20');
    for (let attempt = 1; attempt <= DEFAULT_AUTH_POLICY.maxFailedSignIns; attempt += 1) {
      const response = await http()
        .post('/api/auth/login')
        .set('x-forwarded-for', '198.51.100.20')
        .send({ email: user.email, password: `wrong-${attempt}` });
      expect(response.status).toBe(401);
    }
    const locked = await http()
      .post('/api/auth/login')
      .set('x-forwarded-for', '198.51.100.20')
      .send({ email: user.email, password: user.password });
    expect(locked.status).toBe(401);
    expect(locked.body).toEqual({ statusCode: 401, message: SIGN_IN_FAILED_MESSAGE });
    const [row] = (await db.query('select locked_until from app_user where email = $1', [user.email])) as {
      locked_until: Date;
    }[];
    const lockedFor = new Date(row?.locked_until ?? 0).getTime() - Date.now();
    expect(lockedFor).toBeGreaterThan(DEFAULT_AUTH_POLICY.lockoutMs - 60_000);
    expect(lockedFor).toBeLessThanOrEqual(DEFAULT_AUTH_POLICY.lockoutMs);
    const lockEntries = await auditActions('auth.account-locked');
    expect(lockEntries.some((entry) => entry.target === `user:${user.info.user.id}`)).toBe(true);

    await db.query(`update app_user set locked_until = now() - interval '1 second' where email = $1`, [
      user.email,
    ]);
    const after = await http()
      .post('/api/auth/login')
      .set('x-forwarded-for', '198.51.100.20')
      .send({ email: user.email, password: user.password });
    expect(after.status).toBe(200);
  });

  it('does not count failures across a successful sign-in', async () => {
    const user = await userWithRoles(app, [], '198.51.100.21');
    for (let attempt = 1; attempt < DEFAULT_AUTH_POLICY.maxFailedSignIns; attempt += 1) {
      await http()
        .post('/api/auth/login')
        .set('x-forwarded-for', '198.51.100.21')
        .send({ email: user.email, password: 'wrong-password' });
    }
    await signIn(app, user.email, user.password, '198.51.100.21');
    const [row] = (await db.query('select failed_sign_ins from app_user where email = $1', [user.email])) as {
      failed_sign_ins: number;
    }[];
    expect(row?.failed_sign_ins).toBe(0);
    const wrong = await http()
      .post('/api/auth/login')
      .set('x-forwarded-for', '198.51.100.21')
      .send({ email: user.email, password: 'wrong-password' });
    expect(wrong.status).toBe(401);
    expect((await signIn(app, user.email, user.password, '198.51.100.21')).info.user.email).toBe(user.email);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the token or with a wrong one (403), and accepts the right one', async () => {
    const session = await signIn(app, ADMIN_EMAIL, ADMIN_PASSWORD, '198.51.100.30');
    const missing = await http().post('/api/auth/logout').set('cookie', session.cookie);
    expect(missing.status).toBe(403);
    expect(missing.body).toEqual({ statusCode: 403, message: CSRF_MESSAGE });
    const wrong = await http()
      .post('/api/auth/logout')
      .set('cookie', session.cookie)
      .set('x-csrf-token', `${session.info.csrfToken}x`);
    expect(wrong.status).toBe(403);
    const other = await signIn(app, ADMIN_EMAIL, ADMIN_PASSWORD, '198.51.100.30');
    const otherSessionsToken = await http()
      .post('/api/auth/logout')
      .set('cookie', session.cookie)
      .set('x-csrf-token', other.info.csrfToken);
    expect(otherSessionsToken.status).toBe(403);
    const patch = await http()
      .patch(`/api/users/${session.info.user.id}`)
      .set('cookie', session.cookie)
      .send({ displayName: 'Changed' });
    expect(patch.status).toBe(403);
    const right = await http()
      .post('/api/auth/logout')
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.info.csrfToken);
    expect(right.status).toBe(204);
  });
});

describe('sign-out and expiry', () => {
  it('sign-out ends the session on the server: the old cookie no longer works', async () => {
    const session = await signIn(app, ADMIN_EMAIL, ADMIN_PASSWORD, '198.51.100.40');
    const out = await http()
      .post('/api/auth/logout')
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.info.csrfToken);
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/oscp_session=;/);
    const again = await http().get('/api/auth/me').set('cookie', session.cookie);
    expect(again.status).toBe(401);
    const hash = createHash('sha256').update(session.token).digest('hex');
    expect(await db.query('select 1 from user_session where token_hash = $1', [hash])).toHaveLength(0);
    expect(
      (await auditActions('auth.sign-out')).some((entry) => entry.actorId === session.info.user.id),
    ).toBe(true);
  });

  it('ends a session idle for longer than the idle timeout', async () => {
    const session = await signIn(app, ADMIN_EMAIL, ADMIN_PASSWORD, '198.51.100.41');
    const hash = createHash('sha256').update(session.token).digest('hex');
    await db.query(
      `update user_session set last_seen_at = now() - ($2::int * interval '1 millisecond') - interval '1 second' where token_hash = $1`,
      [hash, DEFAULT_AUTH_POLICY.idleTimeoutMs],
    );
    const response = await http().get('/api/auth/me').set('cookie', session.cookie);
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ statusCode: 401, message: SESSION_EXPIRED_MESSAGE });
    expect(await db.query('select 1 from user_session where token_hash = $1', [hash])).toHaveLength(0);
  });

  it('ends an active session at its absolute timeout', async () => {
    const session = await signIn(app, ADMIN_EMAIL, ADMIN_PASSWORD, '198.51.100.42');
    const hash = createHash('sha256').update(session.token).digest('hex');
    const [row] = (await db.query(
      'select created_at, absolute_expires_at from user_session where token_hash = $1',
      [hash],
    )) as {
      created_at: Date;
      absolute_expires_at: Date;
    }[];
    expect(new Date(row?.absolute_expires_at ?? 0).getTime() - new Date(row?.created_at ?? 0).getTime()).toBe(
      DEFAULT_AUTH_POLICY.absoluteTimeoutMs,
    );
    await db.query(
      `update user_session set absolute_expires_at = now() - interval '1 second', last_seen_at = now() where token_hash = $1`,
      [hash],
    );
    const response = await http().get('/api/auth/me').set('cookie', session.cookie);
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ statusCode: 401, message: SESSION_EXPIRED_MESSAGE });
  });

  it('slides the idle timeout with activity', async () => {
    const session = await signIn(app, ADMIN_EMAIL, ADMIN_PASSWORD, '198.51.100.43');
    const hash = createHash('sha256').update(session.token).digest('hex');
    await db.query(
      `update user_session set last_seen_at = now() - interval '20 minutes' where token_hash = $1`,
      [hash],
    );
    const response = await http().get('/api/auth/me').set('cookie', session.cookie);
    expect(response.status).toBe(200);
    const [row] = (await db.query('select last_seen_at from user_session where token_hash = $1', [hash])) as {
      last_seen_at: Date;
    }[];
    expect(Date.now() - new Date(row?.last_seen_at ?? 0).getTime()).toBeLessThan(60_000);
    expect(Date.parse((response.body as SessionInfo).expiresAt) - Date.now()).toBeGreaterThan(
      DEFAULT_AUTH_POLICY.idleTimeoutMs - 60_000,
    );
  });

  it('a disabled user is signed out at once', async () => {
    const user = await userWithRoles(app, ['chair'], '198.51.100.44');
    const admin = await signIn(app, ADMIN_EMAIL, ADMIN_PASSWORD, '198.51.100.44');
    const disable = await http()
      .patch(`/api/users/${user.info.user.id}`)
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.info.csrfToken)
      .send({ disabled: true });
    expect(disable.status).toBe(200);
    expect((await http().get('/api/auth/me').set('cookie', user.cookie)).status).toBe(401);
    const again = await http()
      .post('/api/auth/login')
      .set('x-forwarded-for', '198.51.100.44')
      .send({ email: user.email, password: user.password });
    expect(again.status).toBe(401);
  });
});
