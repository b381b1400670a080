import { createHash, createHmac, hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new session token: 256 random bits, URL-safe. Only the browser's cookie holds it. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores instead of the token (on every request: the one-shot hash is the cheaper). */
export function hashSessionToken(token: string): string {
  return hash('sha256', token, 'hex');
}

/**
 * The session's CSRF token, derived from the session token so it needs no storage, cannot be
 * computed from the stored hash, and changes with every sign-in.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('oscp-csrf-v1').digest('base64url');
}

/** Constant-time comparison of two strings of any length. */
export function sameSecret(expected: string, supplied: string | undefined): boolean {
  if (supplied === undefined) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(supplied).digest();
  return timingSafeEqual(a, b) && expected.length === supplied.length;
}
