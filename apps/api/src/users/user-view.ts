import type { CurrentUser, UserSummary } from '@oscp/contracts';
import { normaliseRoles } from '../auth/access-policy';
import type { UserEntity } from './user.entity';

export function toCurrentUser(user: UserEntity): CurrentUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: normaliseRoles(user.roles),
    agency: user.agency,
    subgroups: [...user.subgroups],
  };
}

export function toUserSummary(user: UserEntity): UserSummary {
  return {
    ...toCurrentUser(user),
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
    lastSignInAt: user.lastSignInAt ? user.lastSignInAt.toISOString() : null,
  };
}

/** Emails are compared and stored lower-case, without surrounding spaces. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
