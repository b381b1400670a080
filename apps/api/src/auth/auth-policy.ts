/**
 * The sign-in and session rules in one place. The numbers are the product's policy (see
 * docs/operations.md); tests read them from here instead of repeating them.
 */
export abstract class AuthPolicy {
  /** A session ends after this long without a request (sliding). */
  abstract readonly idleTimeoutMs: number;
  /** A session ends this long after sign-in, whatever the activity. */
  abstract readonly absoluteTimeoutMs: number;
  /** Consecutive failed sign-ins that lock an account. */
  abstract readonly maxFailedSignIns: number;
  abstract readonly lockoutMs: number;
  /** Sign-in attempts allowed per IP address per `signInRateWindowMs`. */
  abstract readonly signInRateLimit: number;
  abstract readonly signInRateWindowMs: number;
  /** Sign-in attempts allowed per account (typed email) per `signInRateWindowMs`, from any address. */
  abstract readonly signInAccountRateLimit: number;
  /** A session's last-seen time is written at most this often (fewer writes per request). */
  abstract readonly touchIntervalMs: number;
}

const MINUTE = 60_000;

export const DEFAULT_AUTH_POLICY: AuthPolicy = Object.freeze({
  idleTimeoutMs: 30 * MINUTE,
  absoluteTimeoutMs: 12 * 60 * MINUTE,
  maxFailedSignIns: 5,
  lockoutMs: 15 * MINUTE,
  signInRateLimit: 30,
  signInRateWindowMs: MINUTE,
  signInAccountRateLimit: 30,
  touchIntervalMs: 15_000,
});

export const SESSION_COOKIE = 'oscp_session';
export const CSRF_HEADER = 'x-csrf-token';

/** The same words for an unknown email, a wrong password, a locked or a disabled account. */
export const SIGN_IN_FAILED_MESSAGE =
  'The email address or password is not right. After 5 failed attempts in a row an account is locked for 15 minutes.';
