import type { UserSummary } from '@oscp/contracts';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

beforeAll(async () => {
  harness = await startAuthTestApp();
});

afterAll(async () => {
  await harness?.close();
});

const patch = (who: SignedIn, id: string, body: object) =>
  request(serverOf(harness.app))
    .patch(`/api/users/${id}`)
    .set('cookie', who.cookie)
    .set('x-csrf-token', who.info.csrfToken)
    .send(body);

async function enabledAdmins(): Promise<string[]> {
  const rows = (await harness.app
    .get(DataSource)
    .query(`select email from app_user where 'admin' = any(roles) and not disabled order by email`)) as {
    email: string;
  }[];
  return rows.map((row) => row.email);
}

/**
 * Runs `send` while the test holds the administrators' lock, and lets go only when both requests
 * wait for it inside their transactions. Without this, the winner could commit before the other
 * request reached the session check, which then refuses it as signed out (401) or no longer an
 * administrator (403): right, but not the race under test.
 */
async function bothPastTheGuard<T>(send: () => Promise<T>): Promise<T> {
  const holder = harness.app.get(DataSource).createQueryRunner();
  await holder.connect();
  try {
    await holder.query(`select pg_advisory_lock(hashtext('oscp:admins'))`);
    let locked = true;
    try {
      const sent = send();
      let settled = false;
      void sent.finally(() => (settled = true)).catch(() => undefined);
      // Requests waiting for this lock (a bigint key: its high and low 32 bits, as pg_locks shows them).
      for (let waited = 0; !settled; waited += 10) {
        const [row] = (await holder.query(
          `select count(*)::int as waiting from pg_locks
            where locktype = 'advisory' and not granted and objsubid = 1
              and database = (select oid from pg_database where datname = current_database())
              and classid::bigint = (hashtext('oscp:admins')::bigint >> 32) & 4294967295
              and objid::bigint = hashtext('oscp:admins')::bigint & 4294967295`,
        )) as { waiting: number }[];
        if (row?.waiting === 2) break;
        if (waited > 10_000) throw new Error('the two requests never both waited for the lock');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // Released either way: if a request answered before waiting, the test's expectations say how.
      await holder.query(`select pg_advisory_unlock(hashtext('oscp:admins'))`);
      locked = false;
      return await sent;
    } finally {
      if (locked) await holder.query(`select pg_advisory_unlock(hashtext('oscp:admins'))`);
    }
  } finally {
    await holder.release();
  }
}

describe('at least one enabled administrator', () => {
  it('lets only one of two administrators demoting (or disabling) each other at once succeed, every time', async () => {
    const admin = await signIn(harness.app, ADMIN_EMAIL, ADMIN_PASSWORD, '198.51.100.101');
    const secondEmail = 'second.admin@example.org';
    const secondPassword = 'lantern orchard pebble violin';
    const created = await request(serverOf(harness.app))
      .post('/api/users')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.info.csrfToken)
      .send({ email: secondEmail, displayName: 'Second Admin', password: secondPassword, roles: ['admin'] });
    expect(created.status).toBe(201);
    const secondId = (created.body as UserSummary).id;
    const firstId = admin.info.user.id;

    for (let attempt = 0; attempt < 5; attempt += 1) {
      // Fresh sessions each time: disabling an account ends its sessions.
      const first = await signIn(harness.app, ADMIN_EMAIL, ADMIN_PASSWORD, `198.51.100.${120 + attempt}`);
      const second = await signIn(harness.app, secondEmail, secondPassword, `198.51.100.${110 + attempt}`);
      const change = attempt % 2 === 0 ? { roles: ['viewer'] } : { disabled: true };
      const [one, two] = await bothPastTheGuard(() =>
        Promise.all([patch(first, secondId, change), patch(second, firstId, change)]),
      );
      const statuses = [one.status, two.status].sort();
      expect(statuses, `attempt ${attempt + 1}`).toEqual([200, 409]);
      expect(await enabledAdmins(), `attempt ${attempt + 1}`).toHaveLength(1);
      // Put both back for the next attempt, as whichever administrator is left.
      const survivor = one.status === 200 ? first : second;
      const demotedId = one.status === 200 ? secondId : firstId;
      const restored = await patch(survivor, demotedId, { roles: ['admin'], disabled: false });
      expect(restored.status).toBe(200);
      expect(await enabledAdmins()).toEqual([ADMIN_EMAIL, secondEmail].sort());
    }
  });
});
