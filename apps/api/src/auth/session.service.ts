import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Not, Repository } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { toCurrentUser } from '../users/user-view';
import { AuthPolicy } from './auth-policy';
import type { RequestAuth } from './authenticated-request';
import { SessionEntity } from './session.entity';
import { csrfTokenFor, hashSessionToken, newSessionToken } from './session-token';

export type SessionLookup =
  { status: 'valid'; auth: RequestAuth } | { status: 'expired' } | { status: 'none' };

/** Server-side sessions: create, look up (with idle and absolute timeouts), end. */
@Injectable()
export class SessionService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly policy: AuthPolicy,
  ) {}

  /** Starts a session; the returned token goes into the cookie and nowhere else. */
  async start(
    user: UserEntity,
    ip: string | null,
    userAgent: string | null,
  ): Promise<{ token: string; auth: RequestAuth }> {
    const token = newSessionToken();
    const now = new Date();
    const session = await this.sessions.save(
      this.sessions.create({
        tokenHash: hashSessionToken(token),
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        absoluteExpiresAt: new Date(now.getTime() + this.policy.absoluteTimeoutMs),
        ip,
        userAgent: userAgent === null ? null : userAgent.slice(0, 300),
      }),
    );
    return { token, auth: this.authFor(session, user, token) };
  }

  /** The session behind a cookie token; an expired one is deleted on the way. */
  async lookUp(token: string): Promise<SessionLookup> {
    const session = await this.sessions.findOne({ where: { tokenHash: hashSessionToken(token) } });
    if (!session) return { status: 'none' };
    const now = Date.now();
    if (this.expiresAt(session).getTime() <= now) {
      await this.sessions.delete({ id: session.id });
      return { status: 'expired' };
    }
    const user = await this.users.findOne({ where: { id: session.userId } });
    if (!user || user.disabled) {
      await this.sessions.delete({ id: session.id });
      return { status: 'none' };
    }
    if (now - session.lastSeenAt.getTime() >= this.policy.touchIntervalMs) {
      session.lastSeenAt = new Date(now);
      await this.sessions.update({ id: session.id }, { lastSeenAt: session.lastSeenAt });
    }
    return { status: 'valid', auth: this.authFor(session, user, token) };
  }

  async end(sessionId: string): Promise<void> {
    await this.sessions.delete({ id: sessionId });
  }

  /** Signs a user out everywhere (password reset, account disabled). Returns how many ended. */
  async endAllFor(userId: string): Promise<number> {
    const result = await this.sessions.delete({ userId });
    return result.affected ?? 0;
  }

  /** Ends every session of a user but one (the one that changed the password). */
  async endOthersFor(userId: string, keepSessionId: string): Promise<number> {
    const result = await this.sessions.delete({ userId, id: Not(keepSessionId) });
    return result.affected ?? 0;
  }

  /** Removes sessions past their absolute end or idle for longer than the idle timeout. */
  async removeExpired(): Promise<void> {
    const now = Date.now();
    await this.sessions.delete({ absoluteExpiresAt: LessThan(new Date(now)) });
    await this.sessions.delete({ lastSeenAt: LessThan(new Date(now - this.policy.idleTimeoutMs)) });
  }

  expiresAt(session: SessionEntity): Date {
    const idleEnd = session.lastSeenAt.getTime() + this.policy.idleTimeoutMs;
    return new Date(Math.min(idleEnd, session.absoluteExpiresAt.getTime()));
  }

  private authFor(session: SessionEntity, user: UserEntity, token: string): RequestAuth {
    return {
      user: toCurrentUser(user),
      sessionId: session.id,
      csrfToken: csrfTokenFor(token),
      expiresAt: this.expiresAt(session),
    };
  }
}
