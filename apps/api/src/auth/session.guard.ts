import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@oscp/contracts';
import { decideAccess } from './access-policy';
import { CSRF_HEADER, SESSION_COOKIE } from './auth-policy';
import { readCookie, type AuthenticatedRequest } from './authenticated-request';
import { isLoopback, LOCAL_CLI_KEY, LOCAL_TOKEN_HEADER, LocalAccessToken } from './local-access';
import { IS_PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { SessionService, type SessionLookup } from './session.service';
import { sameSecret } from './session-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const NO_SESSION: SessionLookup = { status: 'none' };

export const SIGN_IN_REQUIRED_MESSAGE = 'Please sign in.';
export const SESSION_EXPIRED_MESSAGE = 'Your session has expired. Please sign in again.';
export const FORBIDDEN_MESSAGE = 'You do not have permission to do this.';
export const CSRF_MESSAGE =
  'The request was refused because its security token is missing or out of date. Reload the page and try again.';

/**
 * The global guard (APP_GUARD): every route needs a valid session unless it is `@Public()`;
 * `@Roles(...)` narrows it (see `decideAccess`); state-changing requests need the session's
 * CSRF token in the `x-csrf-token` header.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly localAccess: LocalAccessToken,
  ) {}

  /** Decided at once (no promise) when the session is kept in memory, as for most requests. */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = readCookie(request, SESSION_COOKIE);
    const lookup = token ? this.sessions.lookUp(token) : NO_SESSION;
    return lookup instanceof Promise
      ? lookup.then((found) => this.decide(context, request, found))
      : this.decide(context, request, lookup);
  }

  private decide(context: ExecutionContext, request: AuthenticatedRequest, lookup: SessionLookup): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets) === true;
    const requiredRoles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (lookup.status === 'valid') request.oscpAuth = lookup.auth;
    else if (this.isLocalCli(context, request)) return true;
    const decision = decideAccess({
      isPublic,
      requiredRoles,
      userRoles: lookup.status === 'valid' ? lookup.auth.user.roles : null,
    });
    if (decision === 'unauthenticated') {
      throw new UnauthorizedException(
        lookup.status === 'expired' ? SESSION_EXPIRED_MESSAGE : SIGN_IN_REQUIRED_MESSAGE,
      );
    }
    if (decision === 'forbidden') throw new ForbiddenException(FORBIDDEN_MESSAGE);
    if (!isPublic && lookup.status === 'valid' && !SAFE_METHODS.has(request.method)) {
      const supplied = request.headers[CSRF_HEADER];
      if (!sameSecret(lookup.auth.csrfToken, typeof supplied === 'string' ? supplied : undefined)) {
        throw new ForbiddenException(CSRF_MESSAGE);
      }
    }
    return true;
  }

  /** The command line on this machine, with the server's token, on a route that allows it (GET only). */
  private isLocalCli(context: ExecutionContext, request: AuthenticatedRequest): boolean {
    if (this.reflector.get<boolean | undefined>(LOCAL_CLI_KEY, context.getHandler()) !== true) return false;
    if (request.method !== 'GET' || !isLoopback(request.socket.remoteAddress)) return false;
    const supplied = request.headers[LOCAL_TOKEN_HEADER];
    return this.localAccess.matches(typeof supplied === 'string' ? supplied : undefined);
  }
}
