import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { normaliseEmail } from '../users/user-view';
import { AuthPolicy } from './auth-policy';
import type { IdentityProvider, PasswordCredentials, SignInOutcome } from './identity-provider';
import { spendVerifyTime, verifyPassword } from './password-hasher';

/**
 * Email and password against the local user table, with account lockout: after
 * `maxFailedSignIns` consecutive failures the account is locked for `lockoutMs`. Every failure
 * path spends one argon2 verification, so timing does not reveal whether an account exists.
 */
@Injectable()
export class PasswordIdentityProvider implements IdentityProvider, OnModuleInit {
  readonly name = 'password';

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly policy: AuthPolicy,
  ) {}

  /** Builds the timing pad once at start, so the first unknown-email attempt costs no more than later ones. */
  async onModuleInit(): Promise<void> {
    await spendVerifyTime('warm-up');
  }

  async authenticate(credentials: PasswordCredentials): Promise<SignInOutcome> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: normaliseEmail(credentials.email) })
      .getOne();
    if (!user) {
      await spendVerifyTime(credentials.password);
      return { ok: false, reason: 'unknown-account', userId: null, lockedNow: false };
    }
    const now = new Date();
    if (
      user.disabled ||
      user.passwordHash === null ||
      (user.lockedUntil !== null && user.lockedUntil > now)
    ) {
      await spendVerifyTime(credentials.password);
      const reason = user.disabled ? 'disabled' : user.passwordHash === null ? 'no-password' : 'locked';
      return { ok: false, reason, userId: user.id, lockedNow: false };
    }
    if (!(await verifyPassword(user.passwordHash, credentials.password))) {
      const lockedNow = await this.countFailure(user.id, now);
      return { ok: false, reason: 'bad-password', userId: user.id, lockedNow };
    }
    await this.users.update({ id: user.id }, { failedSignIns: 0, lockedUntil: null, lastSignInAt: now });
    user.failedSignIns = 0;
    user.lockedUntil = null;
    user.lastSignInAt = now;
    return { ok: true, user };
  }

  /** One atomic update, so parallel guesses cannot slip past the limit. True when it locked. */
  private async countFailure(userId: string, now: Date): Promise<boolean> {
    const rows: unknown = await this.users.query(
      `update app_user
          set failed_sign_ins = case when failed_sign_ins + 1 >= $2 then 0 else failed_sign_ins + 1 end,
              locked_until = case when failed_sign_ins + 1 >= $2 then $3::timestamptz else locked_until end
        where id = $1
        returning locked_until`,
      [userId, this.policy.maxFailedSignIns, new Date(now.getTime() + this.policy.lockoutMs)],
    );
    // pg returns [rows, count] for UPDATE ... RETURNING through TypeORM's query().
    const first =
      Array.isArray(rows) && Array.isArray(rows[0])
        ? (rows[0][0] as { locked_until: Date | null } | undefined)
        : undefined;
    return first?.locked_until != null && new Date(first.locked_until) > now;
  }
}
