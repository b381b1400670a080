import type { Role } from '@oscp/contracts';

export const ALL_ROLES: readonly Role[] = ['viewer', 'chair', 'manager', 'analyst', 'admin'];

export type AccessDecision = 'allow' | 'unauthenticated' | 'forbidden';

/**
 * The role semantics of the whole API:
 * - `@Public()` routes: anyone.
 * - everything else needs a signed-in user (deny by default);
 * - no `@Roles` or `@Roles('viewer')`: every signed-in user (every role includes viewer);
 * - otherwise the user needs at least one of the listed roles; roles do not imply each other
 *   (an admin who runs the ETL also holds `analyst`).
 */
export function decideAccess(input: {
  isPublic: boolean;
  requiredRoles: readonly Role[] | undefined;
  userRoles: readonly Role[] | null;
}): AccessDecision {
  if (input.isPublic) return 'allow';
  if (input.userRoles === null) return 'unauthenticated';
  const required = input.requiredRoles ?? [];
  if (required.length === 0 || required.includes('viewer')) return 'allow';
  return required.some((role) => input.userRoles?.includes(role)) ? 'allow' : 'forbidden';
}

/** Roles as stored and shown: known roles only, `viewer` always present, in canonical order. */
export function normaliseRoles(roles: readonly string[]): Role[] {
  const held = new Set<string>([...roles, 'viewer']);
  return ALL_ROLES.filter((role) => held.has(role));
}
