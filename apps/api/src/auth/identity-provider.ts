import type { UserEntity } from '../users/user.entity';

export interface PasswordCredentials {
  email: string;
  password: string;
}

export type SignInFailureReason = 'unknown-account' | 'bad-password' | 'locked' | 'disabled' | 'no-password';

export type SignInOutcome =
  | { ok: true; user: UserEntity }
  | { ok: false; reason: SignInFailureReason; userId: string | null; lockedNow: boolean };

/**
 * Who someone is. Sessions, roles and the audit log do not care how identity was proved: the
 * password provider checks a local argon2id hash today; an OpenID Connect provider (councils'
 * Entra ID) can implement the same contract later, mapping the token's claims to a user row
 * (see docs/decisions.md).
 */
export interface IdentityProvider {
  readonly name: string;
  authenticate(credentials: PasswordCredentials): Promise<SignInOutcome>;
}

export const IDENTITY_PROVIDER = Symbol('IdentityProvider');
