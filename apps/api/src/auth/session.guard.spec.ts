import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@oscp/contracts';
import { describe, expect, it } from 'vitest';
import type { AuthenticatedRequest } from './authenticated-request';
import { LOCAL_SERVER_FILE, LocalAccessToken, LocalCliAccess } from './local-access';
import { Public, Roles } from './roles.decorator';
import {
  CSRF_MESSAGE,
  FORBIDDEN_MESSAGE,
  SESSION_EXPIRED_MESSAGE,
  SessionGuard,
  SIGN_IN_REQUIRED_MESSAGE,
} from './session.guard';
import type { SessionLookup, SessionService } from './session.service';

const localDir = mkdtempSync(join(tmpdir(), 'oscp-guard-'));
const localAccess = new LocalAccessToken();
localAccess.publish(localDir, 4321);
const localToken = (JSON.parse(readFileSync(join(localDir, LOCAL_SERVER_FILE), 'utf8')) as { token: string })
  .token;

function guardWith(sessions: SessionService): SessionGuard {
  return new SessionGuard(new Reflector(), sessions, localAccess);
}

class Routes {
  @Public()
  health(): void {}

  @LocalCliAccess()
  briefingDownload(): void {}

  open(): void {}

  @Roles('analyst')
  analystsOnly(): void {}
}

function fakeSessions(lookup: SessionLookup): SessionService {
  return { lookUp: async () => lookup } as unknown as SessionService;
}

function valid(roles: Role[]): SessionLookup {
  return {
    status: 'valid',
    auth: {
      user: { id: 'u1', email: 'a@example.org', displayName: 'A', roles, agency: null, subgroups: [] },
      sessionId: 's1',
      csrfToken: 'the-csrf-token',
      expiresAt: new Date(),
    },
  };
}

function contextFor(handler: keyof Routes, request: Partial<AuthenticatedRequest>): ExecutionContext {
  // The same object the guard sees, so a test can read what it attached.
  const full = Object.assign(request, { headers: request.headers ?? {}, method: request.method ?? 'GET' });
  return {
    getType: () => 'http',
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => full }),
  } as unknown as ExecutionContext;
}

const withCookie = (): Partial<AuthenticatedRequest> => ({ headers: { cookie: 'oscp_session=token' } });

/**
 * The guard's answer as Nest takes it: a decision made at once, or thrown at once, counts the same
 * as one a promise settles with.
 */
function activate(guard: SessionGuard, context: ExecutionContext): Promise<boolean> {
  return Promise.resolve().then(() => guard.canActivate(context));
}

async function rejection(guard: SessionGuard, context: ExecutionContext): Promise<unknown> {
  return activate(guard, context).then(
    () => null,
    (error: unknown) => error,
  );
}

describe('SessionGuard', () => {
  it('lets anyone reach a public route', async () => {
    const guard = guardWith(fakeSessions({ status: 'none' }));
    await expect(activate(guard, contextFor('health', {}))).resolves.toBe(true);
  });

  it('asks an anonymous caller to sign in on a route without @Roles', async () => {
    const guard = guardWith(fakeSessions({ status: 'none' }));
    const error = await rejection(guard, contextFor('open', {}));
    expect(error).toBeInstanceOf(UnauthorizedException);
    expect((error as UnauthorizedException).message).toBe(SIGN_IN_REQUIRED_MESSAGE);
  });

  it('says the session expired when it did', async () => {
    const guard = guardWith(fakeSessions({ status: 'expired' }));
    const error = await rejection(guard, contextFor('open', withCookie()));
    expect((error as UnauthorizedException).message).toBe(SESSION_EXPIRED_MESSAGE);
  });

  it('refuses a signed-in user without the route role with 403', async () => {
    const guard = guardWith(fakeSessions(valid(['viewer', 'admin'])));
    const error = await rejection(guard, contextFor('analystsOnly', withCookie()));
    expect(error).toBeInstanceOf(ForbiddenException);
    expect((error as ForbiddenException).message).toBe(FORBIDDEN_MESSAGE);
  });

  it('needs the CSRF header on POST but not on GET or HEAD, and attaches the session to the request', async () => {
    const guard = guardWith(fakeSessions(valid(['viewer'])));
    const request: Partial<AuthenticatedRequest> = { ...withCookie(), method: 'GET' };
    await expect(activate(guard, contextFor('open', request))).resolves.toBe(true);
    expect(request.oscpAuth?.user.id).toBe('u1');
    await expect(activate(guard, contextFor('open', { ...withCookie(), method: 'HEAD' }))).resolves.toBe(
      true,
    );
    const missing = await rejection(guard, contextFor('open', { ...withCookie(), method: 'POST' }));
    expect((missing as ForbiddenException).message).toBe(CSRF_MESSAGE);
    const post = {
      method: 'POST',
      headers: { cookie: 'oscp_session=token', 'x-csrf-token': 'the-csrf-token' },
    };
    await expect(activate(guard, contextFor('open', post))).resolves.toBe(true);
  });

  it('decides at once, without a promise, when the session is answered from memory', () => {
    const keptSessions = { lookUp: () => valid(['viewer']) } as unknown as SessionService;
    const request: Partial<AuthenticatedRequest> = withCookie();
    expect(guardWith(keptSessions).canActivate(contextFor('open', request))).toBe(true);
    expect(request.oscpAuth?.user.id).toBe('u1');
    expect(() => guardWith(keptSessions).canActivate(contextFor('analystsOnly', withCookie()))).toThrow(
      ForbiddenException,
    );
  });

  describe('the local command line', () => {
    const local = (handler: keyof Routes, token: string | undefined, address: string, method = 'GET') =>
      contextFor(handler, {
        method,
        headers: token === undefined ? {} : { 'x-oscp-local-token': token },
        socket: { remoteAddress: address } as AuthenticatedRequest['socket'],
      });

    it("lets the server's token from the loopback address read a route marked for it", async () => {
      await expect(
        activate(
          guardWith(fakeSessions({ status: 'none' })),
          local('briefingDownload', localToken, '127.0.0.1'),
        ),
      ).resolves.toBe(true);
    });

    it('refuses a wrong token, another address, a write, or a route not marked for it', async () => {
      const guard = guardWith(fakeSessions({ status: 'none' }));
      for (const context of [
        local('briefingDownload', 'not-the-token', '127.0.0.1'),
        local('briefingDownload', undefined, '127.0.0.1'),
        local('briefingDownload', localToken, '192.0.2.7'),
        local('briefingDownload', localToken, '127.0.0.1', 'POST'),
        local('open', localToken, '127.0.0.1'),
      ]) {
        expect(await rejection(guard, context)).toBeInstanceOf(UnauthorizedException);
      }
    });
  });
});
