import type { SessionInfo } from '@oscp/contracts';
import { getJson, sendJson } from '../http';

let early: Promise<SessionInfo> | null = null;

/** Starts the session check before React renders (called from main.tsx), so it overlaps start-up. */
export function startSessionCheck(): void {
  early ??= getJson<SessionInfo>('/api/auth/me', undefined, undefined, { reportUnauthorized: false });
  // Handled by whoever takes it; this only keeps an early failure from being reported as unhandled.
  early.catch(() => undefined);
}

export function fetchSession(): Promise<SessionInfo> {
  const started = early;
  early = null;
  return started ?? getJson<SessionInfo>('/api/auth/me', undefined, undefined, { reportUnauthorized: false });
}

export function signIn(email: string, password: string): Promise<SessionInfo> {
  // A wrong password answers 401: that is the form's error, not an expired session.
  return sendJson<SessionInfo>('POST', '/api/auth/login', { email, password }, { reportUnauthorized: false });
}

export function signOut(): Promise<null> {
  return sendJson<null>('POST', '/api/auth/logout', undefined, { reportUnauthorized: false });
}
