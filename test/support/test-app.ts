import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { SessionInfo } from '@oscp/contracts';
import request from 'supertest';
import { createHttpApp } from '../../apps/api/src/app.factory';
import { AppConfig, loadConfig } from '../../apps/api/src/config/app-config';

export const TEST_ADMIN = { email: 'admin@example.org', password: 'a-long-test-admin-password' } as const;

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  server: Parameters<typeof request>[0];
  close(): Promise<void>;
}

/**
 * The real Nest application (the same `createHttpApp` as `main.ts`) listening on a random port.
 * Defaults: no demo data, quiet logs, the test administrator, loopback as a trusted proxy;
 * `env` overrides (e.g. a
 * `createTestDatabase()` env).
 */
export async function startTestApp(options: { env: Record<string, string> }): Promise<TestApp> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    OSCP_DEMO: 'false',
    OSCP_ADMIN_EMAIL: TEST_ADMIN.email,
    OSCP_ADMIN_PASSWORD: TEST_ADMIN.password,
    // Tests stand in for a reverse proxy on the same host: they send X-Forwarded-For from loopback.
    OSCP_TRUSTED_PROXIES: 'loopback',
    ...options.env,
    PORT: '0',
  });
  const app = await createHttpApp(config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as AddressInfo;
  const server = app.getHttpServer() as Parameters<typeof request>[0];
  return { app, config, url: `http://127.0.0.1:${address.port}`, server, close: () => app.close() };
}

/** A signed-in session: send `cookie` and `csrf` (as `x-csrf-token`) with every request. */
export interface Session {
  cookie: string;
  csrf: string;
}

export async function signInAsAdmin(testApp: TestApp, ip = '192.0.2.10'): Promise<Session> {
  const response = await request(testApp.server)
    .post('/api/auth/login')
    .set('x-forwarded-for', ip)
    .send({ email: TEST_ADMIN.email, password: TEST_ADMIN.password });
  if (response.status !== 200)
    throw new Error(`Sign-in answered ${response.status}: ${JSON.stringify(response.body)}`);
  const setCookie = response.headers['set-cookie'] as unknown;
  const lines = Array.isArray(setCookie)
    ? (setCookie as string[])
    : typeof setCookie === 'string'
      ? [setCookie]
      : [];
  const cookie = lines
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('oscp_session='));
  if (!cookie) throw new Error('Sign-in set no session cookie.');
  return { cookie, csrf: (response.body as SessionInfo).csrfToken };
}

/** Waits until `check` returns a value (not undefined), polling. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 120_000,
  what = 'the condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
