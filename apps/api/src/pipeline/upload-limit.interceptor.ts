import {
  Injectable,
  PayloadTooLargeException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { catchError, throwError, type Observable } from 'rxjs';
import { AppConfig } from '../config/app-config';

/**
 * Multer's "File too large" says nothing of the limit: this puts it into the 413's message.
 * Listed before `FileInterceptor`, so it sees the error that interceptor raises.
 */
@Injectable()
export class UploadLimitInterceptor implements NestInterceptor {
  constructor(private readonly config: AppConfig) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          throwError(() =>
            error instanceof PayloadTooLargeException
              ? new PayloadTooLargeException(
                  `The file is larger than the ${this.config.uploadMaxMb} MB an upload may be. Split it, or ask an administrator to raise OSCP_UPLOAD_MAX_MB.`,
                )
              : error,
          ),
        ),
      );
  }
}
