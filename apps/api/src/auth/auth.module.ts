import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from '../users/user.entity';
import { AuthController } from './auth.controller';
import { AuthPolicy, DEFAULT_AUTH_POLICY } from './auth-policy';
import { AuthService } from './auth.service';
import { IDENTITY_PROVIDER } from './identity-provider';
import { LocalAccessToken } from './local-access';
import { PasswordIdentityProvider } from './password-identity.provider';
import { SessionEntity } from './session.entity';
import { SessionGuard } from './session.guard';
import { SessionService } from './session.service';

/** Holds the policy so the throttler's factory can read it (and tests can override it). */
@Module({ providers: [{ provide: AuthPolicy, useValue: DEFAULT_AUTH_POLICY }], exports: [AuthPolicy] })
export class AuthPolicyModule {}

/**
 * Sign-in, sessions and the global guard. The throttler limits sign-in attempts per IP address;
 * only the sign-in route uses its guard.
 */
@Module({
  imports: [
    AuthPolicyModule,
    TypeOrmModule.forFeature([UserEntity, SessionEntity]),
    ThrottlerModule.forRootAsync({
      imports: [AuthPolicyModule],
      inject: [AuthPolicy],
      useFactory: (policy: AuthPolicy) => ({
        throttlers: [{ name: 'sign-in', limit: policy.signInRateLimit, ttl: policy.signInRateWindowMs }],
        errorMessage: 'Too many sign-in attempts from this address. Wait a minute and try again.',
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    SessionService,
    AuthService,
    LocalAccessToken,
    PasswordIdentityProvider,
    { provide: IDENTITY_PROVIDER, useExisting: PasswordIdentityProvider },
    { provide: APP_GUARD, useClass: SessionGuard },
  ],
  exports: [SessionService, AuthPolicyModule, LocalAccessToken],
})
export class AuthModule {}
