import type { CurrentUser } from '@oscp/contracts';

/** What a session check needs of a session and its user, as last read from the database. */
export interface KeptSession {
  sessionId: string;
  userId: string;
  user: CurrentUser;
  csrfToken: string;
  lastSeenAt: number;
  absoluteExpiresAt: number;
}

/** Sessions kept at most at once; the oldest kept goes first (a copy is only a shortcut). */
const SESSIONS_KEPT = 10_000;

/**
 * Sessions checked recently, by the SHA-256 of their token, so that a signed-in user's requests do
 * not each read the session and the user. An entry is used for at most `maxAgeMs` after it was
 * read, and is dropped at once when its session ends or its user changes (`forgetSession`,
 * `forgetUser`, `forgetAll`). A read that began before such a change is not kept (`generation`).
 */
export class SessionCache {
  private readonly byTokenHash = new Map<string, { session: KeptSession; readAt: number }>();
  private changes = 0;

  constructor(private readonly maxAgeMs: number) {}

  /** Counts changes: pass the value taken before a read to `keep`. */
  get generation(): number {
    return this.changes;
  }

  get(tokenHash: string, now: number): KeptSession | null {
    const entry = this.byTokenHash.get(tokenHash);
    if (!entry) return null;
    if (now - entry.readAt >= this.maxAgeMs) {
      this.byTokenHash.delete(tokenHash);
      return null;
    }
    return entry.session;
  }

  /** Keeps a session read at `readAt`, unless something changed since `generation` was taken. */
  keep(tokenHash: string, session: KeptSession, readAt: number, generation: number): void {
    if (generation !== this.changes) return;
    this.byTokenHash.delete(tokenHash);
    this.byTokenHash.set(tokenHash, { session, readAt });
    if (this.byTokenHash.size > SESSIONS_KEPT) {
      const oldest = this.byTokenHash.keys().next();
      if (!oldest.done) this.byTokenHash.delete(oldest.value);
    }
  }

  forgetToken(tokenHash: string): void {
    this.changes += 1;
    this.byTokenHash.delete(tokenHash);
  }

  forgetSession(sessionId: string): void {
    this.forgetWhere((session) => session.sessionId === sessionId);
  }

  forgetUser(userId: string): void {
    this.forgetWhere((session) => session.userId === userId);
  }

  forgetAll(): void {
    this.changes += 1;
    this.byTokenHash.clear();
  }

  get size(): number {
    return this.byTokenHash.size;
  }

  private forgetWhere(matches: (session: KeptSession) => boolean): void {
    this.changes += 1;
    for (const [hash, entry] of this.byTokenHash) if (matches(entry.session)) this.byTokenHash.delete(hash);
  }
}
