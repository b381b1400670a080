import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { SessionInfo } from '@oscp/contracts';
import { AuditService } from '../audit/audit.service';
import { SIGN_IN_FAILED_MESSAGE } from './auth-policy';
import type { RequestAuth } from './authenticated-request';
import { IDENTITY_PROVIDER, type IdentityProvider, type PasswordCredentials } from './identity-provider';
import { SessionService } from './session.service';

export interface ClientContext {
  ip: string | null;
  userAgent: string | null;
}

/** Sign-in and sign-out: identity check, session, audit. */
@Injectable()
export class AuthService {
  constructor(
    @Inject(IDENTITY_PROVIDER) private readonly identity: IdentityProvider,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  /** A new session for valid credentials; one generic 401 for every kind of failure. */
  async signIn(
    credentials: PasswordCredentials,
    client: ClientContext,
    previous: RequestAuth | undefined,
  ): Promise<{ token: string; info: SessionInfo }> {
    const outcome = await this.identity.authenticate(credentials);
    if (!outcome.ok) {
      // The typed email is not recorded for unknown accounts: people sometimes type a password there.
      await this.audit.record({
        actor: null,
        action: 'auth.sign-in-failed',
        target: outcome.userId ? `user:${outcome.userId}` : null,
        detail: { reason: outcome.reason, provider: this.identity.name },
        ip: client.ip,
      });
      if (outcome.lockedNow) {
        await this.audit.record({
          actor: null,
          action: 'auth.account-locked',
          target: `user:${outcome.userId}`,
          detail: {},
          ip: client.ip,
        });
      }
      throw new UnauthorizedException(SIGN_IN_FAILED_MESSAGE);
    }
    if (previous) await this.sessions.end(previous.sessionId);
    await this.sessions.removeExpired();
    const { token, auth } = await this.sessions.start(outcome.user, client.ip, client.userAgent);
    await this.audit.record({
      actor: { id: auth.user.id, email: auth.user.email },
      action: 'auth.sign-in',
      target: `user:${auth.user.id}`,
      detail: { provider: this.identity.name },
      ip: client.ip,
    });
    return { token, info: toSessionInfo(auth) };
  }

  async signOut(auth: RequestAuth, client: ClientContext): Promise<void> {
    await this.sessions.end(auth.sessionId);
    await this.audit.record({
      actor: { id: auth.user.id, email: auth.user.email },
      action: 'auth.sign-out',
      target: `user:${auth.user.id}`,
      detail: {},
      ip: client.ip,
    });
  }
}

export function toSessionInfo(auth: RequestAuth): SessionInfo {
  return { user: auth.user, csrfToken: auth.csrfToken, expiresAt: auth.expiresAt.toISOString() };
}
