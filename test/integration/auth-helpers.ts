import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import type { Role, SessionInfo } from '@oscp/contracts';
import request from 'supertest';
import { createHttpApp } from '../../apps/api/src/app.factory';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { UsersService } from '../../apps/api/src/users/users.service';

/** A signed-in browser: the session cookie plus the CSRF token from SessionInfo. */
export interface SignedIn {
  cookie: string;
  token: string;
  info: SessionInfo;
}

type Server = Parameters<typeof request>[0];

export function serverOf(app: NestExpressApplication): Server {
  return app.getHttpServer() as Server;
}

/** The `name=value` part of the session cookie in a response. */
export function sessionCookieOf(setCookie: string[] | string | undefined): string {
  const lines = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const line = lines.find((value) => value.startsWith('oscp_session='));
  if (!line) throw new Error('The response set no session cookie.');
  return line.split(';')[0] ?? '';
}

export async function signIn(
  app: NestExpressApplication,
  email: string,
  password: string,
  ip = '198.51.100.1',
): Promise<SignedIn> {
  const response = await request(serverOf(app))
    .post('/api/auth/login')
    .set('x-forwarded-for', ip)
    .send({ email, password });
  if (response.status !== 200)
    throw new Error(`Sign-in as ${email} answered ${response.status}: ${JSON.stringify(response.body)}`);
  const cookie = sessionCookieOf(response.headers['set-cookie']);
  return { cookie, token: cookie.slice('oscp_session='.length), info: response.body as SessionInfo };
}

let counter = 0;

/** Creates a user with the given roles through the service and signs them in. */
export async function userWithRoles(
  app: NestExpressApplication,
  roles: Role[],
  ip?: string,
): Promise<SignedIn & { email: string; password: string }> {
  counter += 1;
  // A different documentation address per user keeps tests clear of the per-IP sign-in limit.
  const address = ip ?? `203.0.113.${(counter % 250) + 1}`;
  const email = `user${counter}-${roles.join('-') || 'viewer'}-${Date.now()}@example.org`;
  const password = `a-good-long-password-${counter}`;
  await app
    .get(UsersService)
    .create({ email, displayName: `Test user ${counter}`, password, roles, agency: null, subgroups: [] });
  return { ...(await signIn(app, email, password, address)), email, password };
}

export const ADMIN_EMAIL = 'admin@example.org';
export const ADMIN_PASSWORD = 'the-first-admin-password';

export interface AuthTestApp {
  app: NestExpressApplication;
  dataDir: string;
  close(): Promise<void>;
}

/** The API on its own fresh database (dropped on close), with a known first administrator. */
export async function startAuthTestApp(extraEnvironment: Record<string, string> = {}): Promise<AuthTestApp> {
  const baseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `oscp_auth_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'oscp-auth-'));
  const config = loadConfig({
    DATABASE_URL: url.toString(),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    OSCP_DEMO: 'false',
    OSCP_ADMIN_EMAIL: ADMIN_EMAIL,
    OSCP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ...extraEnvironment,
  });
  const app = await createHttpApp(config);
  await app.init();
  return {
    app,
    dataDir,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      const drop = new Client({ connectionString: baseUrl });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    },
  };
}
