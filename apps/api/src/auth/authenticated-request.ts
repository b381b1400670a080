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

/** Reads one cookie from the Cookie header; the session token is base64url, so no decoding. */
export function readCookie(request: Request, name: string): string | undefined {
  const fromParser: unknown = (request as Request & { cookies?: Record<string, unknown> }).cookies?.[name];
  if (typeof fromParser === 'string') return fromParser;
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
