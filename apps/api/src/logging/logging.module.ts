import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { AppConfig } from '../config/app-config';

/** Where logs go: the server writes JSON lines to stdout; the command line keeps stdout for its output. */
export type LogDestination = 'stdout' | 'stderr';

/**
 * Structured JSON logs. Requests are logged by method, path and status only: never bodies, never
 * query values or row contents; cookies and credentials are redacted.
 */
@Module({})
export class LoggingModule {
  static forRoot(destination: LogDestination): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            pinoHttp: [
              {
                level: config.logLevel,
                genReqId: (request: IncomingMessage, response: ServerResponse) => {
                  const id = randomUUID();
                  response.setHeader('x-request-id', id);
                  return id;
                },
                redact: {
                  paths: [
                    'req.headers.cookie',
                    'req.headers.authorization',
                    'req.headers["x-csrf-token"]',
                    'res.headers["set-cookie"]',
                  ],
                  censor: '[redacted]',
                },
                serializers: {
                  req: (request: { id: unknown; method: unknown; url: unknown }) => ({
                    id: request.id,
                    method: request.method,
                    // The path only: query strings may carry filter values.
                    path: typeof request.url === 'string' ? request.url.split('?')[0] : undefined,
                  }),
                  res: (response: { statusCode: unknown }) => ({ statusCode: response.statusCode }),
                },
                autoLogging: { ignore: (request: IncomingMessage) => request.url === '/api/health' },
              },
              pino.destination(destination === 'stdout' ? 1 : 2),
            ],
          }),
        }),
      ],
    };
  }
}
