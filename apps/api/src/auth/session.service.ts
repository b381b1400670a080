import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Not, Repository } from 'typeorm';
import { ChangeNotices, KEPT_COPY_MAX_AGE_MS } from '../database/change-notices';
import { UserEntity } from '../users/user.entity';
import { toCurrentUser } from '../users/user-view';
import { AuthPolicy } from './auth-policy';
import type { RequestAuth } from './authenticated-request';
import { SessionCache, type KeptSession } from './session-cache';
import { SessionEntity } from './session.entity';
import { csrfTokenFor, hashSessionToken, newSessionToken } from './session-token';

export type SessionLookup =
  { status: 'valid'; auth: RequestAuth } | { status: 'expired' } | { status: 'none' };

/**
 * Server-side sessions: create, look up (with idle and absolute timeouts), end. A session checked
 * in the last few seconds is answered from memory (`SessionCache`, at most `KEPT_COPY_MAX_AGE_MS`
 * old); ending a session, or changing its user's roles or access, drops it at once here and, through
 * `ChangeNotices`, in every other process.
 */
@Injectable()
export class SessionService {
  private readonly cache = new SessionCache(KEPT_COPY_MAX_AGE_MS);
  /** Database reads in progress, by token hash. */
  private readonly reading = new Map<string, { generation: number; lookup: Promise<SessionLookup> }>();
  /** Sessions whose last-seen time is being written. */
  private readonly touching = new Set<string>();

  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly policy: AuthPolicy,
    private readonly notices: ChangeNotices,
  ) {
    notices.on('sessions', (detail) => {
      if (detail.startsWith('user:')) this.cache.forgetUser(detail.slice('user:'.length));
      else if (detail.startsWith('session:')) this.cache.forgetSession(detail.slice('session:'.length));
      else this.cache.forgetAll();
    });
  }

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

  /**
   * The session behind a cookie token; an expired one is deleted on the way. Answered at once, not
   * through a promise, when the session is kept in memory and certainly valid (most requests).
   */
  lookUp(token: string): SessionLookup | Promise<SessionLookup> {
    const tokenHash = hashSessionToken(token);
    const now = Date.now();
    const kept = this.notices.coherent ? this.cache.get(tokenHash, now) : null;
    // From memory only while it is certainly valid; otherwise the database decides, as below.
    if (kept && this.keptExpiry(kept) > now) {
      if (now - kept.lastSeenAt >= this.policy.touchIntervalMs) this.touchKept(tokenHash, kept, now);
      return {
        status: 'valid',
        auth: {
          user: kept.user,
          sessionId: kept.sessionId,
          csrfToken: kept.csrfToken,
          expiresAt: new Date(this.keptExpiry(kept)),
        },
      };
    }
    // Concurrent requests with one token share one read (a burst when an entry ages out).
    // (A read begun before a session or user change is not joined.)
    const reading = this.reading.get(tokenHash);
    if (reading && reading.generation === this.cache.generation) return reading.lookup;
    const lookup = this.read(token, tokenHash, now, kept !== null).finally(() => {
      if (this.reading.get(tokenHash)?.lookup === lookup) this.reading.delete(tokenHash);
    });
    this.reading.set(tokenHash, { generation: this.cache.generation, lookup });
    return lookup;
  }

  private async read(
    token: string,
    tokenHash: string,
    now: number,
    wasKept: boolean,
  ): Promise<SessionLookup> {
    const generation = this.cache.generation;
    const session = await this.sessions.findOne({ where: { tokenHash } });
    if (!session) {
      if (wasKept) this.cache.forgetToken(tokenHash);
      return { status: 'none' };
    }
    if (this.expiresAt(session).getTime() <= now) {
      await this.sessions.delete({ id: session.id });
      this.cache.forgetToken(tokenHash);
      return { status: 'expired' };
    }
    const user = await this.users.findOne({ where: { id: session.userId } });
    if (!user || user.disabled) {
      await this.sessions.delete({ id: session.id });
      this.cache.forgetToken(tokenHash);
      return { status: 'none' };
    }
    if (now - session.lastSeenAt.getTime() >= this.policy.touchIntervalMs) {
      session.lastSeenAt = new Date(now);
      await this.sessions.update({ id: session.id }, { lastSeenAt: session.lastSeenAt });
    }
    const auth = this.authFor(session, user, token);
    if (this.notices.coherent) {
      const entry: KeptSession = {
        sessionId: session.id,
        userId: user.id,
        user: auth.user,
        csrfToken: auth.csrfToken,
        lastSeenAt: session.lastSeenAt.getTime(),
        absoluteExpiresAt: session.absoluteExpiresAt.getTime(),
      };
      this.cache.keep(tokenHash, entry, now, generation);
    }
    return { status: 'valid', auth };
  }

  /**
   * Writes a kept session's last-seen time (the idle timeout slides) without holding up the
   * request, once per session at a time; a session found gone is forgotten.
   */
  private touchKept(tokenHash: string, kept: KeptSession, now: number): void {
    if (this.touching.has(kept.sessionId)) return;
    this.touching.add(kept.sessionId);
    kept.lastSeenAt = now;
    this.sessions
      .update({ id: kept.sessionId }, { lastSeenAt: new Date(now) })
      .then((result) => {
        if (result.affected === 0) this.cache.forgetToken(tokenHash);
      })
      .catch(() => this.cache.forgetToken(tokenHash))
      .finally(() => this.touching.delete(kept.sessionId));
  }

  async end(sessionId: string): Promise<void> {
    await this.sessions.delete({ id: sessionId });
    await this.notices.announce('sessions', `session:${sessionId}`);
  }

  /** Signs a user out everywhere (password reset, account disabled). Returns how many ended. */
  async endAllFor(userId: string): Promise<number> {
    const result = await this.sessions.delete({ userId });
    await this.forgetUser(userId);
    return result.affected ?? 0;
  }

  /** Ends every session of a user but one (the one that changed the password). */
  async endOthersFor(userId: string, keepSessionId: string): Promise<number> {
    const result = await this.sessions.delete({ userId, id: Not(keepSessionId) });
    await this.forgetUser(userId);
    return result.affected ?? 0;
  }

  /**
   * Call after changing a user's roles, access or details: their sessions are checked against the
   * database again on their next request, in this process and every other.
   */
  async forgetUser(userId: string): Promise<void> {
    await this.notices.announce('sessions', `user:${userId}`);
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

  private keptExpiry(kept: KeptSession): number {
    return Math.min(kept.lastSeenAt + this.policy.idleTimeoutMs, kept.absoluteExpiresAt);
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
