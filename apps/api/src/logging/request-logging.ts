import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
// nestjs-pino's request context: its `Logger` (the application's logger) writes through the
// `logger` of the store this holds, so lines logged while a request is handled carry the request.
import { storage } from 'nestjs-pino/storage';
import type { Logger } from 'pino';

/** Requests whose success is not logged: load balancers and monitors poll it. */
const UNLOGGED_URL = '/api/health';

/** How a request appears in log lines: its id, method and path (the serializer drops the query). */
interface RequestBindings {
  id: string;
  method: string;
  url: string;
}

/**
 * A request's logging context, in the shape nestjs-pino's store has (`logger`, `responseLogger`).
 * The child logger that carries the request is made on first use: most requests log nothing but
 * their completion line, and none at all when info is off, so most never pay for it.
 */
class RequestLogContext {
  responseLogger: Logger | undefined = undefined;
  private requestLogger: Logger | undefined = undefined;
  private assigned: Logger | undefined = undefined;

  constructor(
    private readonly root: Logger,
    private readonly bindings: RequestBindings,
  ) {}

  /** The logger with the request's fields, as the completion line writes it. */
  get forRequest(): Logger {
    this.requestLogger ??= this.root.child({ req: this.bindings });
    return this.requestLogger;
  }

  /** What the application's logger writes through (`PinoLogger.assign` replaces it). */
  get logger(): Logger {
    return this.assigned ?? this.forRequest;
  }

  set logger(logger: Logger) {
    this.assigned = logger;
  }
}

/**
 * The request log, in place of pino-http (which built a child logger and serialized the whole
 * request, headers included, for every request, even with info off): every request gets an id
 * (`request.id`, the `x-request-id` header) and a logging context; at info level one line when the
 * response finishes, with the same fields pino-http wrote: `req` (id, method, path), `res`
 * (statusCode), `responseTime`, and `err` for a 5xx. Never bodies, query values or cookies.
 */
export class RequestLogging {
  constructor(readonly logger: Logger) {}

  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    const id = randomUUID();
    response.setHeader('x-request-id', id);
    (request as Request & { id?: string }).id = id;
    const context = new RequestLogContext(this.logger, {
      id,
      method: request.method,
      url: request.originalUrl,
    });
    if (this.logger.isLevelEnabled('info')) this.logEnd(request, response, context);
    else response.on('error', ignoreResponseError);
    storage.run(context, next);
  };

  /** One line when the response ends: always for an error on it, otherwise unless health. */
  private logEnd(request: Request, response: Response, context: RequestLogContext): void {
    const startedAt = Date.now();
    const onEnd = (error?: unknown): void => {
      response.removeListener('close', onEnd);
      response.removeListener('finish', onEnd);
      response.removeListener('error', onEnd);
      const responseTime = Date.now() - startedAt;
      const res = { statusCode: response.headersSent ? response.statusCode : null };
      if (error !== undefined || response.statusCode >= 500) {
        const err = error ?? new Error(`failed with status code ${response.statusCode}`);
        context.forRequest.info({ res, err, responseTime }, 'request errored');
        return;
      }
      const completed = !request.readableAborted && response.writableEnded;
      context.forRequest.info({ res, responseTime }, completed ? 'request completed' : 'request aborted');
    };
    if (request.url !== UNLOGGED_URL) {
      response.on('close', onEnd);
      response.on('finish', onEnd);
    }
    response.on('error', onEnd);
  }
}

/** With info off, an error on a response is still handled (as with pino-http), not thrown. */
function ignoreResponseError(): void {}
