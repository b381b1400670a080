import type { SessionInfo } from '@oscp/contracts';
import { getJson, sendJson } from '../../../app/api/http';

export function fetchSession(): Promise<SessionInfo> {
  return getJson<SessionInfo>('/api/auth/me');
}

export function signIn(email: string, password: string): Promise<SessionInfo> {
  // A wrong password answers 401: that is the form's error, not an expired session.
  return sendJson<SessionInfo>('POST', '/api/auth/login', { email, password }, { reportUnauthorized: false });
}

export function signOut(): Promise<null> {
  return sendJson<null>('POST', '/api/auth/logout', undefined, { reportUnauthorized: false });
}
