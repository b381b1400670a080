import type { CurrentUser, Role, SessionInfo } from '@oscp/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { ApiRequestError, onUnauthorized, setCsrfToken } from '../../../app/api/http';
import { fetchSession, signIn as signInRequest, signOut as signOutRequest } from './session-api';

export type SessionStatus = 'checking' | 'signed_in' | 'signed_out';

export interface SessionState {
  status: SessionStatus;
  user: CurrentUser | null;
  /** The session ended under the user (a 401): sign-in says so. */
  expired: boolean;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

/** Where sign-in returns to, and why the user was sent there. */
export interface SignInLocationState {
  from?: string;
  expired?: boolean;
  signedOut?: boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>('checking');
  const [user, setUser] = useState<CurrentUser | null>(null);
  const [expired, setExpired] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const accept = useCallback((session: SessionInfo) => {
    setCsrfToken(session.csrfToken);
    setUser(session.user);
    setExpired(false);
    setStatus('signed_in');
  }, []);

  const forget = useCallback(() => {
    setCsrfToken(null);
    setUser(null);
    setStatus('signed_out');
    queryClient.clear();
  }, [queryClient]);

  useEffect(() => {
    let cancelled = false;
    fetchSession()
      .then((session) => {
        if (!cancelled) accept(session);
      })
      .catch(() => {
        if (!cancelled) forget();
      });
    return () => {
      cancelled = true;
    };
  }, [accept, forget]);

  // Any 401 once signed in means the session ended: RequireSession then sends the user to
  // sign in, remembering the page, and sign-in brings them back to it.
  useEffect(
    () =>
      onUnauthorized(() => {
        forget();
        setExpired(true);
      }),
    [forget],
  );

  const signIn = useCallback(
    async (email: string, password: string) => {
      accept(await signInRequest(email, password));
    },
    [accept],
  );

  const signOut = useCallback(async () => {
    try {
      await signOutRequest();
    } catch (error) {
      // Already signed out on the server: carry on signing out here.
      if (!(error instanceof ApiRequestError)) throw error;
    }
    forget();
    setExpired(false);
    const state: SignInLocationState = { signedOut: true };
    navigate('/sign-in', { replace: true, state });
  }, [forget, navigate]);

  const value = useMemo<SessionState>(
    () => ({ status, user, expired, signIn, signOut }),
    [status, user, expired, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside SessionProvider');
  return session;
}

/**
 * As the API decides it: roles do not imply each other (an administrator who loads data also
 * holds `analyst`), so navigation never offers a page whose calls would answer 403.
 */
export function hasRole(user: CurrentUser | null, role: Role): boolean {
  return !!user && user.roles.includes(role);
}

/** Analysts load data and see record-level lists. */
export function isAnalyst(user: CurrentUser | null): boolean {
  return hasRole(user, 'analyst');
}

/** Administrators manage users and read the audit log. */
export function isAdmin(user: CurrentUser | null): boolean {
  return hasRole(user, 'admin');
}
