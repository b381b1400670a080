import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUTH_POLICY } from '../../apps/api/src/auth/auth-policy';
import { ADMIN_EMAIL, ADMIN_PASSWORD, serverOf, startAuthTestApp, type AuthTestApp } from './auth-helpers';

let harness: AuthTestApp;
let app: NestExpressApplication;

beforeAll(async () => {
  harness = await startAuthTestApp();
  app = harness.app;
});

afterAll(async () => {
  await harness?.close();
});

describe('sign-in rate limit', () => {
  it(`allows ${DEFAULT_AUTH_POLICY.signInRateLimit} attempts per minute from one address, then answers 429; other addresses are not affected`, async () => {
    const attempt = (ip: string) =>
      request(serverOf(app))
        .post('/api/auth/login')
        .set('x-forwarded-for', ip)
        .send({ email: 'nobody@example.org', password: 'guess' });
    const statuses: number[] = [];
    for (let index = 0; index < DEFAULT_AUTH_POLICY.signInRateLimit; index += 1)
      statuses.push((await attempt('192.0.2.7')).status);
    expect(new Set(statuses)).toEqual(new Set([401]));
    const limited = await attempt('192.0.2.7');
    expect(limited.status).toBe(429);
    expect(limited.body.message).toMatch(/Too many sign-in attempts/);
    const rightPasswordButLimited = await request(serverOf(app))
      .post('/api/auth/login')
      .set('x-forwarded-for', '192.0.2.7')
      .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(rightPasswordButLimited.status).toBe(429);
    const elsewhere = await request(serverOf(app))
      .post('/api/auth/login')
      .set('x-forwarded-for', '192.0.2.8')
      .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(elsewhere.status).toBe(200);
  });
});
