import { SetMetadata } from '@nestjs/common';
import type { Role } from '@oscp/contracts';

export const ROLES_KEY = 'oscp:roles';
export const IS_PUBLIC_KEY = 'oscp:public';

/**
 * The roles that may call a route (any one of them suffices). A route without `@Roles` or
 * `@Public` still needs a signed-in user; the global guard denies by default.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** Health, sign-in and the static app only. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);
