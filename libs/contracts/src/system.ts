/** Health, errors, sign-in and users as they cross HTTP. */

export interface Health {
  status: 'ok' | 'degraded';
  database: 'ok' | 'error';
  /** `degraded`: the published snapshot cannot be read and an earlier one is served instead. */
  warehouse: 'ok' | 'empty' | 'degraded' | 'error';
  /** Why the status is `degraded`, in a sentence; absent when all is well. */
  reason?: string;
  lastRun: { id: string; status: string; finishedAt: string | null } | null;
}

export interface ApiError {
  statusCode: number;
  message: string;
  fields?: { field: string; message: string }[];
}

export type Role = 'viewer' | 'chair' | 'manager' | 'analyst' | 'admin';

export interface CurrentUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  agency: string | null;
  subgroups: string[];
}

export interface SessionInfo {
  user: CurrentUser;
  /** Send back as the `x-csrf-token` header on every state-changing request. */
  csrfToken: string;
  expiresAt: string;
}

export interface UserSummary extends CurrentUser {
  disabled: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
}
