import { existsSync, readFileSync } from 'node:fs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_DIST } from '../../apps/api/src/static/dashboard-static';
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
const STACK_TRACE = /\bat .+:\d+:\d+|node_modules|\.ts:\d+/;

describe('HTTP hardening', () => {
  it('sends security headers and a strict Content-Security-Policy, and no X-Powered-By', async () => {
    const response = await http().get('/api/health');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  /** Helmet's set and the site's own, identical on every answer (pages, assets and the API). */
  const SECURITY_HEADERS = {
    'content-security-policy':
      "default-src 'self';base-uri 'self';connect-src 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'none';img-src 'self' data:;manifest-src 'self';object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self';worker-src 'self'",
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'DENY',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
  };
  /** Headers whose value changes from answer to answer: only their presence is compared. */
  const VARYING = new Set(['date', 'etag', 'content-length', 'last-modified', 'x-request-id']);
  const headerSet = (headers: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(headers)
        .filter(([name]) => name !== 'connection' && name !== 'keep-alive')
        .map(([name, value]) => [name, VARYING.has(name) ? '(varies)' : value]),
    );

  it('sends the full set of headers, and no other, on an API answer and on a refused address', async () => {
    const answer = await http().get('/api/auth/me').set('cookie', admin.cookie);
    expect(answer.status).toBe(200);
    expect(answer.headers['x-request-id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(headerSet(answer.headers)).toEqual({
      ...SECURITY_HEADERS,
      'cache-control': 'no-store',
      'content-type': 'application/json; charset=utf-8',
      'content-length': '(varies)',
      date: '(varies)',
      etag: '(varies)',
      'x-request-id': '(varies)',
    });
    // Refused before any route (and before the request log): no request id.
    const refused = await http().get('/api/runs?dataset=a%00b').set('cookie', admin.cookie);
    expect(refused.status).toBe(400);
    expect(headerSet(refused.headers)).toEqual({
      ...SECURITY_HEADERS,
      'cache-control': 'no-store',
      'content-type': 'application/json; charset=utf-8',
      'content-length': '(varies)',
      date: '(varies)',
      etag: '(varies)',
    });
  });

  it.skipIf(!existsSync(`${DASHBOARD_DIST}/index.html`))(
    'sends the full set of headers, and no other, on a page, an asset and a missing asset',
    async () => {
      const page = await http().get('/indicators/CP01');
      expect(page.status).toBe(200);
      expect(headerSet(page.headers)).toEqual({
        ...SECURITY_HEADERS,
        'accept-ranges': 'bytes',
        'cache-control': 'no-cache',
        'content-type': 'text/html; charset=utf-8',
        'content-length': '(varies)',
        date: '(varies)',
        etag: '(varies)',
        'last-modified': '(varies)',
      });
      const asset = await http().get('/favicon.svg');
      expect(asset.status).toBe(200);
      expect(headerSet(asset.headers)).toEqual({
        ...SECURITY_HEADERS,
        'accept-ranges': 'bytes',
        'cache-control': 'public, max-age=3600',
        'content-type': 'image/svg+xml',
        'content-length': '(varies)',
        date: '(varies)',
        etag: '(varies)',
        'last-modified': '(varies)',
      });
      const missing = await http().get('/assets/missing-abc.js');
      expect(missing.status).toBe(404);
      expect(headerSet(missing.headers)).toEqual({
        ...SECURITY_HEADERS,
        'cache-control': 'no-cache',
        'content-type': 'text/plain; charset=utf-8',
        'content-length': '(varies)',
        date: '(varies)',
        etag: '(varies)',
      });
    },
  );

  it('keeps API answers out of caches', async () => {
    const response = await http().get('/api/auth/me').set('cookie', admin.cookie);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('refuses a JSON body over 100 KB with 413 and a plain message', async () => {
    const response = await http()
      .post('/api/users')
      .set('cookie', admin.cookie)
      .set('x-csrf-token', admin.info.csrfToken)
      .send({ displayName: 'x'.repeat(101 * 1024) });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ statusCode: 413, message: 'The request body is larger than 100 KB.' });
  });

  it('answers malformed JSON with 400 and no parser internals or stack trace', async () => {
    const response = await http()
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send('{"email":');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ statusCode: 400, message: 'The request body is not valid JSON.' });
  });

  it('never shows a stack trace in an error', async () => {
    const answers = await Promise.all([
      http().get('/api/nope'),
      http().get('/api/users/%E0%A4%A').set('cookie', admin.cookie),
      http()
        .patch('/api/users/not-a-uuid')
        .set('cookie', admin.cookie)
        .set('x-csrf-token', admin.info.csrfToken)
        .send({ disabled: 'yes' }),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.text).not.toMatch(STACK_TRACE);
    }
  });

  const index = `${DASHBOARD_DIST}/index.html`;
  it.skipIf(!existsSync(index))(
    'serves the built dashboard under the same policy, and the page has no inline script or style',
    async () => {
      const html = readFileSync(index, 'utf8');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(html).not.toMatch(/<style[\s>]/i);
      expect(html).not.toMatch(/\sstyle="/i);
      expect(html).not.toMatch(/\son[a-z]+="/i);
      const page = await http().get('/');
      expect(page.status).toBe(200);
      expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    },
  );
});
