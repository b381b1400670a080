import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUTH_POLICY } from '../../apps/api/src/auth/auth-policy';
import { ADMIN_EMAIL, ADMIN_PASSWORD, serverOf, startAuthTestApp, type AuthTestApp } from './auth-helpers';

const attempt = (app: NestExpressApplication, forwardedFor: string, email = 'nobody@example.org') =>
  request(serverOf(app))
    .post('/api/auth/login')
    .set('x-forwarded-for', forwardedFor)
    .send({ email, password: 'a-wrong-guess-of-a-password' });

async function ipsOf(app: NestExpressApplication, action: string): Promise<(string | null)[]> {
  const rows = (await app
    .get(DataSource)
    .query('select ip from audit_log where action = $1 order by id', [action])) as { ip: string | null }[];
  return rows.map((row) => row.ip);
}

describe('without OSCP_TRUSTED_PROXIES (the default)', () => {
  let harness: AuthTestApp;
  beforeAll(async () => {
    // Blank means unset: no proxy is trusted, whatever the test support's default.
    harness = await startAuthTestApp({ OSCP_TRUSTED_PROXIES: '' });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('ignores X-Forwarded-For: a client rotating it still gets 429 from the per-address limit', async () => {
    const statuses: number[] = [];
    for (let index = 0; index <= DEFAULT_AUTH_POLICY.signInRateLimit; index += 1) {
      // A different made-up address each time, and a different account, so only the address counts.
      const response = await attempt(harness.app, `10.0.${index}.1`, `nobody${index}@example.org`);
      statuses.push(response.status);
    }
    expect(statuses.slice(0, DEFAULT_AUTH_POLICY.signInRateLimit).every((status) => status === 401)).toBe(
      true,
    );
    expect(statuses.at(-1)).toBe(429);
  });

  it('records the connection address in the audit log, not the header', async () => {
    const ips = await ipsOf(harness.app, 'auth.sign-in-failed');
    expect(ips.length).toBeGreaterThan(0);
    for (const ip of ips) expect(ip).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
  });
});

describe('with loopback as a trusted proxy', () => {
  let harness: AuthTestApp;
  beforeAll(async () => {
    harness = await startAuthTestApp({ OSCP_TRUSTED_PROXIES: 'loopback' });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('limits attempts on one account from rotating addresses: 429 from the per-account limit', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < DEFAULT_AUTH_POLICY.signInAccountRateLimit; index += 1)
      statuses.push((await attempt(harness.app, `192.0.2.${index + 1}`, 'target@example.org')).status);
    expect(new Set(statuses)).toEqual(new Set([401]));
    const limited = await attempt(harness.app, '198.51.100.77', 'TARGET@example.org ');
    expect(limited.status).toBe(429);
    expect(limited.body.message).toMatch(/Too many sign-in attempts for this account/);
    // Another account from a fresh address is not affected.
    const other = await request(serverOf(harness.app))
      .post('/api/auth/login')
      .set('x-forwarded-for', '198.51.100.78')
      .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(other.status).toBe(200);
  });

  it('stores a forwarded address that is not an IP address as null, never the text sent', async () => {
    const forged = `=HYPERLINK("http://example.invalid","x")${'a'.repeat(5_000)}`;
    const response = await attempt(harness.app, forged, 'forged@example.org');
    expect(response.status).toBe(401);
    const ips = await ipsOf(harness.app, 'auth.sign-in-failed');
    expect(ips.some((ip) => ip !== null && ip.includes('HYPERLINK'))).toBe(false);
    expect(ips.at(-1)).toBeNull();
  });
});
