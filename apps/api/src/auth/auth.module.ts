import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from '../users/user.entity';
import type { Request } from 'express';
import { normaliseEmail } from '../users/user-view';
import { AuthController } from './auth.controller';
import { clientIp } from './authenticated-request';
import { AuthPolicy, DEFAULT_AUTH_POLICY } from './auth-policy';
import { AuthService } from './auth.service';
import { IDENTITY_PROVIDER } from './identity-provider';
import { PasswordIdentityProvider } from './password-identity.provider';
import { SessionEntity } from './session.entity';
import { SessionGuard } from './session.guard';
import { SessionService } from './session.service';

/** Holds the policy so the throttler's factory can read it (and tests can override it). */
@Module({ providers: [{ provide: AuthPolicy, useValue: DEFAULT_AUTH_POLICY }], exports: [AuthPolicy] })
export class AuthPolicyModule {}

/**
 * Sign-in, sessions and the global guard. The throttler limits sign-in attempts per IP address
 * and per account;
 * only the sign-in route uses its guard.
 */
/** The email a sign-in request names, normalised, for the per-account limit ('' when none). */
function typedEmail(request: Request): string {
  const body: unknown = request.body;
  if (typeof body !== 'object' || body === null) return '';
  const email = (body as { email?: unknown }).email;
  return typeof email === 'string' ? normaliseEmail(email).slice(0, 320) : '';
}

@Module({
  imports: [
    AuthPolicyModule,
    TypeOrmModule.forFeature([UserEntity, SessionEntity]),
    ThrottlerModule.forRootAsync({
      imports: [AuthPolicyModule],
      inject: [AuthPolicy],
      useFactory: (policy: AuthPolicy) => ({
        throttlers: [
          {
            name: 'sign-in',
            limit: policy.signInRateLimit,
            ttl: policy.signInRateWindowMs,
            getTracker: (request) => `address:${clientIp(request as Request) ?? 'unknown'}`,
          },
          {
            // Per account as well: addresses can be many (a botnet, a trusted proxy's clients).
            name: 'sign-in-account',
            limit: policy.signInAccountRateLimit,
            ttl: policy.signInRateWindowMs,
            getTracker: (request) => `account:${typedEmail(request as Request)}`,
          },
        ],
        errorMessage: (_context, detail) =>
          detail.tracker.startsWith('account:')
            ? 'Too many sign-in attempts for this account. Wait a minute and try again.'
            : 'Too many sign-in attempts from this address. Wait a minute and try again.',
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    SessionService,
    AuthService,
    PasswordIdentityProvider,
    { provide: IDENTITY_PROVIDER, useExisting: PasswordIdentityProvider },
    { provide: APP_GUARD, useClass: SessionGuard },
  ],
  exports: [SessionService, AuthPolicyModule],
})
export class AuthModule {}
