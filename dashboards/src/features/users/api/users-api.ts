import type { Page, Role, UserSummary } from '@oscp/contracts';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from '../../../lib/http';

/** The filters `GET /api/users` applies. */
export interface UsersFilter {
  q?: string;
  role?: Role;
  disabled?: boolean;
}

export const usersQuery = (filter: UsersFilter, limit: number, offset: number) =>
  queryOptions({
    queryKey: ['users', filter.q ?? '', filter.role ?? '', filter.disabled ?? '', limit, offset],
    queryFn: ({ signal }) =>
      getJson<Page<UserSummary>>(
        '/api/users',
        { q: filter.q, role: filter.role, disabled: filter.disabled, limit, offset },
        signal,
      ),
    placeholderData: keepPreviousData,
    // Accounts change under the administrator's hand: always ask again when the page opens.
    staleTime: 0,
  });

export const useUsers = (filter: UsersFilter, limit: number, offset: number) =>
  useQuery(usersQuery(filter, limit, offset));

/** `GET /api/users/:id`, one user, whichever page of the list it is on (a link with `?edit=`). */
export const useUser = (id: string | null) =>
  useQuery({
    queryKey: ['users', 'one', id ?? ''],
    queryFn: ({ signal }) =>
      getJson<UserSummary>(`/api/users/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: !!id,
    staleTime: 0,
  });

/** `POST /api/users`: the API requires a first password (12 to 256 characters). */
export interface NewUser {
  email: string;
  displayName: string;
  password: string;
  roles: Role[];
  agency: string | null;
  subgroups: string[];
}

/** `PATCH /api/users/:id`: only the fields sent change. */
export interface UserChange {
  displayName?: string;
  roles?: Role[];
  agency?: string | null;
  subgroups?: string[];
  disabled?: boolean;
}

function useRefreshUsers() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['users'] });
    // Every change is audited: the audit page must not show a stale log.
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}

export function useCreateUser() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: (user: NewUser) => sendJson<UserSummary>('POST', '/api/users', user),
    onSuccess: refresh,
  });
}

export function useUpdateUser() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UserChange }) =>
      sendJson<UserSummary>('PATCH', `/api/users/${encodeURIComponent(id)}`, change),
    onSuccess: refresh,
  });
}

/** `POST /api/users/:id/password` answers 204 and ends every session of that user. */
export function useResetPassword() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      sendJson<null>('POST', `/api/users/${encodeURIComponent(id)}/password`, { password }),
    onSuccess: refresh,
  });
}

/** The API's password rule (argon2id; 12 to 256 characters). */
export const minPasswordLength = 12;
export const maxPasswordLength = 256;

/** A random 20-character password from the browser's CSPRNG, for the administrator to pass on. */
export function generatePassword(length = 20): string {
  // No look-alike characters (0/O, 1/l/I), so it can be read out over the phone.
  const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = new Uint8Array(length);
  const out: string[] = [];
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % alphabet.length);
  while (out.length < length) {
    crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      if (byte < limit && out.length < length) out.push(alphabet[byte % alphabet.length] ?? '');
    }
  }
  return out.join('');
}

/** Role words and what each lets a user do (README "Signing in"). */
export const roleDescriptions: Record<Role, string> = {
  viewer: 'Scorecards, indicator pages, commentary and accepted exception reports.',
  chair: 'Writes and submits the exception reports and commentary of their subgroups.',
  manager: 'Reviews every exception report: returns it with a comment, accepts or closes it.',
  analyst: 'Uploads, pipeline runs, data-quality findings, record drill-through, targets and commentary.',
  admin: 'Users and roles, and the audit log.',
};

export const allRoles: Role[] = ['viewer', 'chair', 'manager', 'analyst', 'admin'];
