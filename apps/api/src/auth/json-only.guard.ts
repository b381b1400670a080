import {
  Injectable,
  UnsupportedMediaTypeException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';

/**
 * Sign-in has no CSRF token yet, so it accepts JSON only: a cross-site HTML form cannot send
 * `application/json`, and SameSite=Lax keeps the cookie off cross-site posts.
 */
@Injectable()
export class JsonOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (request.is('application/json') !== 'application/json') {
      throw new UnsupportedMediaTypeException(
        'Send the sign-in details as JSON (Content-Type: application/json).',
      );
    }
    return true;
  }
}
