import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AuditEntry, Page } from '@oscp/contracts';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../../apps/api/src/audit/audit.service';
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
  admin = await signIn(app, ADMIN_EMAIL, ADMIN_PASSWORD, '203.0.113.9');
});

afterAll(async () => {
  await harness?.close();
});

const http = () => request(serverOf(app));

describe('audit log', () => {
  it('records the first administrator and sign-ins with actor and IP address', async () => {
    const page = (await http().get('/api/audit').set('cookie', admin.cookie)).body as Page<AuditEntry>;
    const actions = page.items.map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['user.first-admin-created', 'auth.sign-in']));
    const signInEntry = page.items.find((entry) => entry.action === 'auth.sign-in');
    expect(signInEntry).toMatchObject({
      actorEmail: ADMIN_EMAIL,
      ip: '203.0.113.9',
      target: `user:${admin.info.user.id}`,
    });
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    const db = app.get(DataSource);
    await expect(db.query(`update audit_log set action = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(db.query('delete from audit_log')).rejects.toThrow(/append-only/);
    await expect(db.query('truncate audit_log')).rejects.toThrow(/append-only/);
    const [row] = (await db.query('select count(*)::int as n from audit_log')) as { n: number }[];
    expect(row?.n).toBeGreaterThan(0);
  });

  it('lets colleagues record entries through AuditService, dropping secret-looking detail', async () => {
    await app.get(AuditService).record({
      actor: { id: admin.info.user.id, email: admin.info.user.email },
      action: 'upload.received',
      target: 'submission:123',
      detail: { fileName: 'referrals.csv', password: 'should-not-appear' },
      ip: '203.0.113.10',
    });
    const page = (await http().get('/api/audit').query({ action: 'upload.' }).set('cookie', admin.cookie))
      .body as Page<AuditEntry>;
    expect(page.items).toHaveLength(1);
    expect(page.items[0]?.detail).toEqual({ fileName: 'referrals.csv' });
  });

  it('filters by action prefix, actor, target and time, newest first, paged', async () => {
    const byActor = (
      await http()
        .get('/api/audit')
        .query({ actorId: admin.info.user.id, limit: 1 })
        .set('cookie', admin.cookie)
    ).body as Page<AuditEntry>;
    expect(byActor.items).toHaveLength(1);
    expect(byActor.total).toBeGreaterThan(1);
    expect(byActor.items[0]?.actorId).toBe(admin.info.user.id);
    const future = (await http().get('/api/audit').query({ from: '2999-01-01' }).set('cookie', admin.cookie))
      .body as Page<AuditEntry>;
    expect(future.total).toBe(0);
    const page = (await http().get('/api/audit').set('cookie', admin.cookie)).body as Page<AuditEntry>;
    const times = page.items.map((entry) => Date.parse(entry.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const invalid = await http()
      .get('/api/audit')
      .query({ from: 'yesterday', actorId: 'me' })
      .set('cookie', admin.cookie);
    expect(invalid.status).toBe(400);
    expect(
      (invalid.body as { fields: { field: string }[] }).fields.map((field) => field.field).sort(),
    ).toEqual(['actorId', 'from']);
  });

  it('exports CSV with formula-like cells made inert, and audits the export', async () => {
    await app.get(AuditService).record({
      actor: null,
      action: 'upload.received',
      target: '=HYPERLINK("http://evil.example","click")',
      detail: {},
      ip: null,
    });
    const response = await http()
      .get('/api/audit.csv')
      .query({ action: 'upload.' })
      .set('cookie', admin.cookie);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/attachment/);
    const rows = parse(response.text) as string[][];
    expect(rows[0]).toEqual(['id', 'at', 'actor_id', 'actor_email', 'action', 'target', 'detail', 'ip']);
    expect(rows.map((row) => row[5])).toContain(`'=HYPERLINK("http://evil.example","click")`);
    expect(rows.slice(1).every((row) => !/^[=+\-@\t\r]/.test(row[5] ?? ''))).toBe(true);
    const exports = (
      await http().get('/api/audit').query({ action: 'export.audit' }).set('cookie', admin.cookie)
    ).body as Page<AuditEntry>;
    expect(exports.items[0]?.detail).toEqual({ filter: { action: 'upload.' } });
  });

  it('is for admins only', async () => {
    const analyst = await userWithRoles(app, ['viewer', 'chair', 'manager', 'analyst']);
    expect((await http().get('/api/audit').set('cookie', analyst.cookie)).status).toBe(403);
    expect((await http().get('/api/audit.csv').set('cookie', analyst.cookie)).status).toBe(403);
  });
});
