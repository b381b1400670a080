import { BadRequestException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import type { SessionInfo } from '@oscp/contracts';
import { AuditService } from '../audit/audit.service';
import { SIGN_IN_FAILED_MESSAGE } from './auth-policy';
import type { RequestAuth } from './authenticated-request';
import { IDENTITY_PROVIDER, type IdentityProvider, type PasswordCredentials } from './identity-provider';
import { hashPassword } from './password-hasher';
import { assertAcceptablePassword } from './password-policy';
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
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
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

  async changePassword(
    auth: RequestAuth,
    currentPassword: string,
    newPassword: string,
    client: ClientContext,
  ): Promise<{ sessionsEnded: number }> {
    const actor = { id: auth.user.id, email: auth.user.email };
    const outcome = await this.identity.authenticate({ email: auth.user.email, password: currentPassword });
    if (!outcome.ok || outcome.user.id !== auth.user.id) {
      await this.audit.record({
        actor,
        action: 'auth.password-change-failed',
        target: `user:${auth.user.id}`,
        detail: { reason: outcome.ok ? 'other-account' : outcome.reason },
        ip: client.ip,
      });
      throw new BadRequestException({
        statusCode: 400,
        message: 'Some values are not valid.',
        fields: [{ field: 'currentPassword', message: 'The current password is not right.' }],
      });
    }
    if (newPassword === currentPassword)
      throw new BadRequestException({
        statusCode: 400,
        message: 'Some values are not valid.',
        fields: [{ field: 'newPassword', message: 'The new password must differ from the current one.' }],
      });
    assertAcceptablePassword(newPassword, auth.user.email, 'newPassword');
    await this.users.update(
      { id: auth.user.id },
      { passwordHash: await hashPassword(newPassword), failedSignIns: 0, lockedUntil: null },
    );
    const sessionsEnded = await this.sessions.endOthersFor(auth.user.id, auth.sessionId);
    await this.audit.record({
      actor,
      action: 'auth.password-changed',
      target: `user:${auth.user.id}`,
      detail: { sessionsEnded },
      ip: client.ip,
    });
    return { sessionsEnded };
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
