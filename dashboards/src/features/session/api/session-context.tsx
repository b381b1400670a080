import type { CurrentUser, Role, SessionInfo } from '@oscp/contracts';
import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiRequestError, onUnauthorized, setCsrfToken } from '../../../app/api/http';
import { fetchSession, signIn as signInRequest, signOut as signOutRequest } from './session-api';

export type SessionStatus = 'checking' | 'signed_in' | 'signed_out';

export interface SessionState {
  status: SessionStatus;
  user: CurrentUser | null;
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
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const here = useRef('/');
  here.current = `${location.pathname}${location.search}`;

  const accept = useCallback((session: SessionInfo) => {
    setCsrfToken(session.csrfToken);
    setUser(session.user);
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

  // Any 401 once signed in means the session ended: back to sign-in, then back here.
  useEffect(
    () =>
      onUnauthorized(() => {
        const from = here.current;
        forget();
        if (!from.startsWith('/sign-in')) {
          const state: SignInLocationState = { from, expired: true };
          navigate('/sign-in', { replace: true, state });
        }
      }),
    [forget, navigate],
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
    const state: SignInLocationState = { signedOut: true };
    navigate('/sign-in', { replace: true, state });
  }, [forget, navigate]);

  const value = useMemo<SessionState>(
    () => ({ status, user, signIn, signOut }),
    [status, user, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside SessionProvider');
  return session;
}

export function hasRole(user: CurrentUser | null, role: Role): boolean {
  return !!user && (user.roles.includes(role) || user.roles.includes('admin'));
}

/** Analysts (and administrators) load data and see record-level lists. */
export function isAnalyst(user: CurrentUser | null): boolean {
  return hasRole(user, 'analyst');
}
