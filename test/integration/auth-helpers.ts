import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Role, SessionInfo } from '@oscp/contracts';
import request from 'supertest';
import { UsersService } from '../../apps/api/src/users/users.service';
import { createTestDatabase } from '../support/test-database';
import { startTestApp, TEST_ADMIN } from '../support/test-app';

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

export const ADMIN_EMAIL = TEST_ADMIN.email;
export const ADMIN_PASSWORD = TEST_ADMIN.password;

export interface AuthTestApp {
  app: NestExpressApplication;
  dataDir: string;
  close(): Promise<void>;
}

/** The API on its own fresh database (`test/support`), with the test administrator. */
export async function startAuthTestApp(extraEnvironment: Record<string, string> = {}): Promise<AuthTestApp> {
  const database = await createTestDatabase();
  try {
    const testApp = await startTestApp({ env: { ...database.env, ...extraEnvironment } });
    return {
      app: testApp.app,
      dataDir: database.dataDir,
      async close() {
        await testApp.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
