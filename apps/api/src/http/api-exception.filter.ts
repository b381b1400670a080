import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { ApiError } from '@oscp/contracts';
import type { Request, Response } from 'express';
import { loggableError } from './loggable-error';

type FieldError = NonNullable<ApiError['fields']>[number];

/**
 * Every error leaves as `{ statusCode, message, fields? }`: never a stack trace. Unexpected errors
 * are logged with the request's correlation id (and no request data) and answered with that id.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request & { id?: unknown }>();
    const body = toApiError(exception, String(request.id ?? 'unknown'));
    if (body.statusCode >= 500) {
      this.logger.error({ requestId: request.id, ...loggableError(exception) }, 'Request failed');
    }
    // A streamed answer (CSV, Arrow) that fails part-way cannot change its status any more: end
    // the connection, so the client sees an incomplete download instead of waiting for ever.
    if (response.headersSent) {
      response.destroy();
      return;
    }
    response.status(body.statusCode).json(body);
  }
}

export function toApiError(exception: unknown, requestId: string): ApiError {
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    if (typeof response === 'string') return { statusCode, message: response };
    const record = response as Record<string, unknown>;
    const rawMessage = record.message;
    const message = Array.isArray(rawMessage)
      ? rawMessage.map(String).join('; ')
      : typeof rawMessage === 'string'
        ? rawMessage
        : exception.message;
    const fields = Array.isArray(record.fields) ? record.fields.filter(isFieldError) : undefined;
    return fields && fields.length > 0 ? { statusCode, message, fields } : { statusCode, message };
  }
  return {
    statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
    message: `Something went wrong on the server. Quote reference ${requestId} to your administrator.`,
  };
}

function isFieldError(value: unknown): value is FieldError {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.field === 'string' && typeof record.message === 'string';
}
