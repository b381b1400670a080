import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AuditEntry, Page, UserSummary } from '@oscp/contracts';
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
  admin = await signIn(app, ADMIN_EMAIL, ADMIN_PASSWORD);
});

afterAll(async () => {
  await harness?.close();
});

const http = () => request(serverOf(app));
const asAdmin = {
  get: (path: string) => http().get(path).set('cookie', admin.cookie),
  post: (path: string) =>
    http().post(path).set('cookie', admin.cookie).set('x-csrf-token', admin.info.csrfToken),
  patch: (path: string) =>
    http().patch(path).set('cookie', admin.cookie).set('x-csrf-token', admin.info.csrfToken),
};

describe('users API (admin)', () => {
  it('creates a user with roles, agency and subgroups; viewer is always held; the password is never returned', async () => {
    const response = await asAdmin.post('/api/users').send({
      email: 'Chair.Person@Example.org',
      displayName: 'Chair Person',
      password: 'a-very-long-password',
      roles: ['chair'],
      agency: 'GMP',
      subgroups: ['Neglect'],
    });
    expect(response.status).toBe(201);
    const user = response.body as UserSummary;
    expect(user).toMatchObject({
      email: 'chair.person@example.org',
      roles: ['viewer', 'chair'],
      agency: 'GMP',
      subgroups: ['Neglect'],
      disabled: false,
      lastSignInAt: null,
    });
    expect(JSON.stringify(response.body)).not.toMatch(/password|argon/i);
    const signedIn = await signIn(app, 'chair.person@example.org', 'a-very-long-password');
    expect(signedIn.info.user.roles).toEqual(['viewer', 'chair']);
  });

  it('refuses a duplicate email (409) and invalid fields (400 with field messages)', async () => {
    const duplicate = await asAdmin
      .post('/api/users')
      .send({ email: 'chair.person@example.org', displayName: 'Again', password: 'a-very-long-password' });
    expect(duplicate.status).toBe(409);
    const invalid = await asAdmin
      .post('/api/users')
      .send({ email: 'not-an-email', displayName: '', password: 'short', roles: ['superuser'] });
    expect(invalid.status).toBe(400);
    const fields = (invalid.body as { fields: { field: string }[] }).fields.map((field) => field.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'displayName', 'password', 'roles.0']));
  });

  it('lists users as a page, filtered by role and text', async () => {
    const all = await asAdmin.get('/api/users');
    expect(all.status).toBe(200);
    const page = all.body as Page<UserSummary>;
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect(page).toMatchObject({ limit: 50, offset: 0 });
    const chairs = (await asAdmin.get('/api/users').query({ role: 'chair' })).body as Page<UserSummary>;
    expect(chairs.items.map((user) => user.email)).toEqual([ADMIN_EMAIL, 'chair.person@example.org']);
    const byText = (await asAdmin.get('/api/users').query({ q: 'CHAIR' })).body as Page<UserSummary>;
    expect(byText.total).toBe(1);
    const bad = await asAdmin.get('/api/users').query({ limit: 'lots' });
    expect(bad.status).toBe(400);
  });

  it('changes roles, agency and subgroups, and audits the change without the password', async () => {
    const target = await userWithRoles(app, ['viewer']);
    const response = await asAdmin
      .patch(`/api/users/${target.info.user.id}`)
      .send({ roles: ['analyst', 'manager'], agency: 'NHS GM ICB', subgroups: ['Quality', 'Quality'] });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      roles: ['viewer', 'manager', 'analyst'],
      agency: 'NHS GM ICB',
      subgroups: ['Quality'],
    });
    const again = await signIn(app, target.email, target.password);
    expect(again.info.user.roles).toEqual(['viewer', 'manager', 'analyst']);
    const me = await http().get('/api/auth/me').set('cookie', target.cookie);
    expect(me.body.user.roles).toEqual(['viewer', 'manager', 'analyst']);
    const audit = (
      await asAdmin.get('/api/audit').query({ action: 'user.updated', target: `user:${target.info.user.id}` })
    ).body as Page<AuditEntry>;
    expect(audit.items[0]?.detail).toMatchObject({ changed: ['roles', 'agency', 'subgroups'] });
    expect(audit.items[0]?.actorEmail).toBe(ADMIN_EMAIL);
  });

  it('gives any one user by id, for the edit form, whatever page of the list it is on', async () => {
    const target = await userWithRoles(app, ['viewer', 'chair']);
    const response = await asAdmin.get(`/api/users/${target.info.user.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: target.info.user.id,
      email: target.email,
      roles: ['viewer', 'chair'],
      disabled: false,
    });
    expect(JSON.stringify(response.body)).not.toMatch(/password|hash/i);
    expect((await asAdmin.get('/api/users/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await asAdmin.get('/api/users/not-a-uuid')).status).toBe(400);
  });

  it('answers 404 for an unknown user and 400 for a malformed id', async () => {
    expect(
      (await asAdmin.patch('/api/users/00000000-0000-4000-8000-000000000000').send({ disabled: true }))
        .status,
    ).toBe(404);
    expect((await asAdmin.patch('/api/users/not-a-uuid').send({ disabled: true })).status).toBe(400);
    expect((await asAdmin.patch('/api/users/00000000-0000-4000-8000-000000000000').send({})).status).toBe(
      400,
    );
  });

  it('resets a password: the old one stops working, the user is signed out everywhere and any lockout is cleared', async () => {
    const target = await userWithRoles(app, ['chair']);
    await app
      .get(DataSource)
      .query(`update app_user set locked_until = now() + interval '10 minutes' where id = $1`, [
        target.info.user.id,
      ]);
    const reset = await asAdmin
      .post(`/api/users/${target.info.user.id}/password`)
      .send({ password: 'the-brand-new-password' });
    expect(reset.status).toBe(204);
    expect((await http().get('/api/auth/me').set('cookie', target.cookie)).status).toBe(401);
    const old = await http().post('/api/auth/login').send({ email: target.email, password: target.password });
    expect(old.status).toBe(401);
    expect((await signIn(app, target.email, 'the-brand-new-password')).info.user.id).toBe(
      target.info.user.id,
    );
    const audit = (await asAdmin.get('/api/audit').query({ action: 'user.password-reset' }))
      .body as Page<AuditEntry>;
    expect(JSON.stringify(audit.items)).not.toContain('the-brand-new-password');
    expect(audit.items[0]?.detail).toEqual({ sessionsEnded: 1 });
  });

  it('refuses to remove the admin role from, or disable, the only enabled administrator', async () => {
    const response = await asAdmin.patch(`/api/users/${admin.info.user.id}`).send({ roles: ['analyst'] });
    expect(response.status).toBe(409);
    expect((await asAdmin.patch(`/api/users/${admin.info.user.id}`).send({ disabled: true })).status).toBe(
      409,
    );
  });

  it('is for admins only: another role gets 403 on every users route', async () => {
    const analyst = await userWithRoles(app, ['viewer', 'chair', 'manager', 'analyst']);
    const as = (method: 'get' | 'post' | 'patch', path: string) =>
      http()[method](path).set('cookie', analyst.cookie).set('x-csrf-token', analyst.info.csrfToken);
    expect((await as('get', '/api/users')).status).toBe(403);
    expect((await as('get', `/api/users/${analyst.info.user.id}`)).status).toBe(403);
    expect(
      (
        await as('post', '/api/users').send({
          email: 'x@example.org',
          displayName: 'X',
          password: 'a-very-long-password',
        })
      ).status,
    ).toBe(403);
    expect((await as('patch', `/api/users/${analyst.info.user.id}`).send({ roles: ['admin'] })).status).toBe(
      403,
    );
    expect(
      (
        await as('post', `/api/users/${analyst.info.user.id}/password`).send({
          password: 'a-very-long-password',
        })
      ).status,
    ).toBe(403);
  });
});
