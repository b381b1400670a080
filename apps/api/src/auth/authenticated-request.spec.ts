import cookieParser from 'cookie-parser';
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { cookieParserValue, readCookie } from './authenticated-request';

/** What cookie-parser itself puts in `request.cookies` for a Cookie header. */
function parsedByCookieParser(header: string): Record<string, unknown> {
  const request = { headers: { cookie: header } } as unknown as Request & {
    cookies: Record<string, unknown>;
  };
  cookieParser()(request, {} as Response, () => undefined);
  return request.cookies;
}

const HEADERS = [
  'oscp_session=abc-DEF_1',
  ' oscp_session = abc ; other=1',
  '\toscp_session=\tabc\t',
  'other=1; oscp_session=second',
  'oscp_session=first; oscp_session=second',
  'oscp_session="quoted"',
  'oscp_session="',
  'oscp_session=""',
  'oscp_session=a%2Db',
  'oscp_session=bad%ZZ',
  'oscp_session=j:"json text"',
  'oscp_session=j:{"a":1}',
  'oscp_session=j:0',
  'oscp_session=j:not json',
  'oscp_session=',
  'oscp_session',
  'flag; oscp_session=after-flag',
  'a=1;flag;oscp_session=x',
  'oscp_sessionx=1; xoscp_session=2',
  'oscp_session=a=b',
  ';;oscp_session=x;;',
  '=x; oscp_session=y',
  'o',
  '',
];

describe('cookieParserValue', () => {
  it.each(HEADERS)('gives what cookie-parser gives for the session cookie (%j)', (header) => {
    expect(cookieParserValue(header, 'oscp_session')).toEqual(parsedByCookieParser(header).oscp_session);
  });
});

describe('readCookie', () => {
  const requestWith = (cookie: string | undefined): Request =>
    ({ headers: { cookie } }) as unknown as Request;

  it('reads the session token, and nothing from a request without cookies', () => {
    expect(readCookie(requestWith('pref=1; oscp_session=abc-DEF_1'), 'oscp_session')).toBe('abc-DEF_1');
    expect(readCookie(requestWith(undefined), 'oscp_session')).toBeUndefined();
    expect(readCookie(requestWith('pref=1'), 'oscp_session')).toBeUndefined();
  });

  it('takes the text after the name where cookie-parser would give something other than text', () => {
    expect(readCookie(requestWith('oscp_session=j:{"a":1}'), 'oscp_session')).toBe('j:{"a":1}');
  });
});
