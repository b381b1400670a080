import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../apps/api/src/cli/main';
import { UsersService } from '../../apps/api/src/users/users.service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startTestApp } from '../support/test-app';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

/** Runs `oscp` in this process against the test database; returns the exit code and stdout. */
async function oscp(args: string[]): Promise<{ code: number; stdout: string }> {
  const saved = { ...process.env };
  Object.assign(process.env, database.env, { LOG_LEVEL: 'silent', OSCP_DEMO: 'false' });
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  try {
    const code = await runCli(args);
    return { code, stdout };
  } finally {
    spy.mockRestore();
    for (const key of Object.keys(process.env)) if (!(key in saved)) Reflect.deleteProperty(process.env, key);
    Object.assign(process.env, saved);
  }
}

describe('oscp users reset-password', () => {
  it('gives a locked-out, disabled account a new password printed once, and re-enables it with --enable', async () => {
    const first = await startTestApp({ env: database.env });
    const email = 'locked.out@example.org';
    try {
      const users = first.app.get(UsersService);
      const created = await users.create({
        email,
        displayName: 'Locked Out',
        password: 'the-forgotten-password',
        roles: ['admin'],
        agency: null,
        subgroups: [],
      });
      await users.update(created.id, { disabled: true }, created.id);
      await first.app
        .get(DataSource)
        .query(`update app_user set locked_until = now() + interval '10 minutes' where id = $1`, [
          created.id,
        ]);
    } finally {
      await first.close();
    }

    const result = await oscp(['users', 'reset-password', '--email', 'Locked.Out@example.org', '--enable']);
    expect(result.code).toBe(0);
    const password = /New password for locked\.out@example\.org: (\S+)/.exec(result.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const second = await startTestApp({ env: database.env });
    try {
      const signIn = await request(second.server).post('/api/auth/login').send({ email, password });
      expect(signIn.status).toBe(200);
      const old = await request(second.server)
        .post('/api/auth/login')
        .send({ email, password: 'the-forgotten-password' });
      expect(old.status).toBe(401);
    } finally {
      await second.close();
    }
  });

  it('exits 1 with a plain message for an unknown email, and 2 without --email', async () => {
    expect((await oscp(['users', 'reset-password', '--email', 'nobody@example.org'])).code).toBe(1);
    expect((await oscp(['users', 'reset-password'])).code).toBe(2);
  });
});

describe('oscp users grant-admin', () => {
  it('restores an administrator from the shell when no enabled one is left', async () => {
    const email = 'restored.admin@example.org';
    const password = 'lantern orchard pebble violin';
    const first = await startTestApp({ env: database.env });
    try {
      await first.app.get(UsersService).create({
        email,
        displayName: 'Restored Admin',
        password,
        roles: ['viewer'],
        agency: null,
        subgroups: [],
      });
      // What a database accident (or an old race) could leave: no enabled administrator at all.
      await first.app
        .get(DataSource)
        .query(`update app_user set roles = array_remove(roles, 'admin') where 'admin' = any(roles)`);
    } finally {
      await first.close();
    }

    const result = await oscp(['users', 'grant-admin', '--email', 'Restored.Admin@example.org']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('restored.admin@example.org is now an enabled administrator.');
    expect((await oscp(['users', 'grant-admin', '--email', 'nobody@example.org'])).code).toBe(1);

    const second = await startTestApp({ env: database.env });
    try {
      const signIn = await request(second.server).post('/api/auth/login').send({ email, password });
      expect(signIn.status).toBe(200);
      const cookie = String((signIn.headers['set-cookie'] as unknown as string[])[0]).split(';')[0] ?? '';
      expect((await request(second.server).get('/api/users').set('cookie', cookie)).status).toBe(200);
      const [entry] = (await second.app
        .get(DataSource)
        .query(`select detail from audit_log where action = 'user.admin-granted'`)) as {
        detail: Record<string, unknown>;
      }[];
      expect(entry?.detail).toEqual({ via: 'command line', changed: ['roles'] });
    } finally {
      await second.close();
    }
  });
});
