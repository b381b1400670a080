import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ApiError, UserSummary } from '@oscp/contracts';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
let admin: SignedIn;

beforeAll(async () => {
  harness = await startAuthTestApp();
  app = harness.app;
  admin = await signIn(app, ADMIN_EMAIL, ADMIN_PASSWORD, '198.51.100.90');
});

afterAll(async () => {
  await harness?.close();
});

const post = (path: string, who: SignedIn) =>
  request(serverOf(app)).post(path).set('cookie', who.cookie).set('x-csrf-token', who.info.csrfToken);

function fieldMessage(body: unknown, field: string): string | undefined {
  return (body as ApiError).fields?.find((entry) => entry.field === field)?.message;
}

describe('password policy', () => {
  it('refuses password1234 and other common passwords for a new user, naming the field', async () => {
    for (const password of ['password1234', 'qwertyuiop123']) {
      const response = await post('/api/users', admin).send({
        email: 'pat.lee@example.org',
        displayName: 'Pat Lee',
        password,
        roles: ['viewer'],
      });
      expect(response.status, password).toBe(400);
      expect(fieldMessage(response.body, 'password')).toMatch(/too easy to guess/);
    }
  });

  it("refuses a password holding the email's local part, and accepts a good one", async () => {
    const holdsName = await post('/api/users', admin).send({
      email: 'pat.lee@example.org',
      displayName: 'Pat Lee',
      password: 'pat.lee-is-my-password-2025',
    });
    expect(holdsName.status).toBe(400);
    expect(fieldMessage(holdsName.body, 'password')).toMatch(/first part of the email address/);
    const created = await post('/api/users', admin).send({
      email: 'pat.lee@example.org',
      displayName: 'Pat Lee',
      password: 'lantern orchard pebble violin',
    });
    expect(created.status).toBe(201);
    const reset = await post(`/api/users/${(created.body as UserSummary).id}/password`, admin).send({
      password: 'password1234',
    });
    expect(reset.status).toBe(400);
    expect(fieldMessage(reset.body, 'password')).toMatch(/too easy to guess/);
  });
});

describe('changing your own password', () => {
  it('needs the current password, refuses a weak new one, ends the other sessions and keeps this one', async () => {
    const user = await userWithRoles(app, ['viewer'], '198.51.100.91');
    const elsewhere = await signIn(app, user.email, user.password, '198.51.100.92');

    const wrongCurrent = await post('/api/auth/password', user).send({
      currentPassword: 'not-my-password-at-all',
      newPassword: 'harbour quilt saffron tundra',
    });
    expect(wrongCurrent.status).toBe(400);
    expect(fieldMessage(wrongCurrent.body, 'currentPassword')).toMatch(/not right/);

    const weak = await post('/api/auth/password', user).send({
      currentPassword: user.password,
      newPassword: 'password1234',
    });
    expect(weak.status).toBe(400);
    expect(fieldMessage(weak.body, 'newPassword')).toMatch(/too easy to guess/);

    const changed = await post('/api/auth/password', user).send({
      currentPassword: user.password,
      newPassword: 'harbour quilt saffron tundra',
    });
    expect(changed.status).toBe(204);
    expect((await request(serverOf(app)).get('/api/auth/me').set('cookie', user.cookie)).status).toBe(200);
    expect((await request(serverOf(app)).get('/api/auth/me').set('cookie', elsewhere.cookie)).status).toBe(
      401,
    );
    await expect(signIn(app, user.email, user.password, '198.51.100.93')).rejects.toThrow(/401/);
    await signIn(app, user.email, 'harbour quilt saffron tundra', '198.51.100.94');

    const rows = (await app
      .get(DataSource)
      .query(`select action, detail from audit_log where target = $1 and action like 'auth.password%'`, [
        `user:${user.info.user.id}`,
      ])) as { action: string; detail: Record<string, unknown> }[];
    expect(rows.map((row) => row.action).sort()).toEqual([
      'auth.password-change-failed',
      'auth.password-changed',
    ]);
    expect(rows.find((row) => row.action === 'auth.password-changed')?.detail).toEqual({ sessionsEnded: 1 });
  });

  it('needs a signed-in user and the CSRF token', async () => {
    const anonymous = await request(serverOf(app))
      .post('/api/auth/password')
      .send({ currentPassword: 'x', newPassword: 'harbour quilt saffron tundra' });
    expect(anonymous.status).toBe(401);
    const noToken = await request(serverOf(app))
      .post('/api/auth/password')
      .set('cookie', admin.cookie)
      .send({ currentPassword: ADMIN_PASSWORD, newPassword: 'harbour quilt saffron tundra' });
    expect(noToken.status).toBe(403);
  });
});
