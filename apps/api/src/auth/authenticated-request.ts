import { isIP } from 'node:net';
import { createParamDecorator, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import type { CurrentUser } from '@oscp/contracts';
import type { Request } from 'express';

/** What the global guard attaches to a request that carries a valid session. */
export interface RequestAuth {
  user: CurrentUser;
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
}

export type AuthenticatedRequest = Request & { oscpAuth?: RequestAuth };

/** The signed-in user, for a controller parameter: `@SignedInUser() user: CurrentUser`. */
export const SignedInUser = createParamDecorator((_data: unknown, context: ExecutionContext): CurrentUser => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.oscpAuth) throw new UnauthorizedException('Please sign in.');
  return request.oscpAuth.user;
});

/**
 * The caller's address as Express sees it (honours the app's `trust proxy` setting), or null when
 * it is not an IP address: the audit log and the rate limit never hold text a client made up.
 */
export function clientIp(request: Request): string | null {
  return validIp(request.ip ?? request.socket.remoteAddress);
}

/** The address when it is a valid IPv4 or IPv6 address, else null. */
export function validIp(value: string | undefined | null): string | null {
  if (typeof value !== 'string') return null;
  const address = value.trim();
  return isIP(address) === 0 ? null : address;
}

/**
 * Reads one cookie from the Cookie header: the value cookie-parser would give as
 * `request.cookies[name]` when that is text, else the text after `name=` in the header.
 */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  const parsed = cookieParserValue(header, name);
  if (typeof parsed === 'string') return parsed;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}

/**
 * The value cookie-parser gives cookie `name` (its `cookie` 0.7 parse, then JSON cookies), found
 * for this one name: the first cookie of that name, spaces and tabs trimmed, one pair of enclosing
 * double quotes removed, percent-decoded unless that fails, and a `j:` value that is JSON read as
 * that JSON when truthy. Parsing every cookie into objects on every request cost more than the
 * session check that reads it.
 */
export function cookieParserValue(header: string, name: string): unknown {
  const length = header.length;
  if (length < 2) return undefined;
  let index = 0;
  do {
    const equals = header.indexOf('=', index);
    if (equals === -1) break;
    let end = header.indexOf(';', index);
    if (end === -1) end = length;
    else if (equals > end) {
      // A pair without '=' before this one: start again after its semicolon.
      index = header.lastIndexOf(';', equals - 1) + 1;
      continue;
    }
    const keyStart = skipBlanksForward(header, index, equals);
    const keyEnd = skipBlanksBackward(header, equals, keyStart);
    if (keyEnd - keyStart === name.length && header.startsWith(name, keyStart)) {
      let valueStart = skipBlanksForward(header, equals + 1, end);
      let valueEnd = skipBlanksBackward(header, end, valueStart);
      if (header.charCodeAt(valueStart) === 0x22 && header.charCodeAt(valueEnd - 1) === 0x22) {
        valueStart += 1;
        valueEnd -= 1;
      }
      return jsonCookie(percentDecoded(header.slice(valueStart, valueEnd)));
    }
    index = end + 1;
  } while (index < length);
  return undefined;
}

function skipBlanksForward(text: string, index: number, max: number): number {
  do {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x09) return index;
  } while (++index < max);
  return max;
}

function skipBlanksBackward(text: string, index: number, min: number): number {
  while (index > min) {
    const code = text.charCodeAt(--index);
    if (code !== 0x20 && code !== 0x09) return index + 1;
  }
  return min;
}

function percentDecoded(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function jsonCookie(value: string): unknown {
  if (!value.startsWith('j:')) return value;
  try {
    const json: unknown = JSON.parse(value.slice(2));
    return json ? json : value;
  } catch {
    return value;
  }
}
