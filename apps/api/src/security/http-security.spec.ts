import { HttpException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, toHttpException } from './http-security';

describe('contentSecurityPolicy', () => {
  it('allows only the site itself for scripts and styles, and data: for images', () => {
    const csp = contentSecurityPolicy({ upgradeInsecureRequests: false });
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['style-src']).toEqual(["'self'"]);
    expect(csp['img-src']).toEqual(["'self'", 'data:']);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['upgrade-insecure-requests']).toBeUndefined();
  });

  it('upgrades insecure requests only when the site is known to be on TLS', () => {
    expect(contentSecurityPolicy({ upgradeInsecureRequests: true })['upgrade-insecure-requests']).toEqual([]);
  });
});

describe('toHttpException', () => {
  it('turns a too-large body into 413 and bad JSON into 400', () => {
    const tooLarge = toHttpException({ type: 'entity.too.large', status: 413 });
    const badJson = toHttpException({ type: 'entity.parse.failed', status: 400 });
    expect(tooLarge instanceof HttpException && tooLarge.getStatus()).toBe(413);
    expect(badJson instanceof HttpException && badJson.getStatus()).toBe(400);
  });

  it('leaves other errors alone', () => {
    const error = new Error('boom');
    expect(toHttpException(error)).toBe(error);
  });
});
