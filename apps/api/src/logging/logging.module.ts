import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { AppConfig } from '../config/app-config';
import { RequestLogging } from './request-logging';

/** Where logs go: the server writes JSON lines to stdout; the command line keeps stdout for its output. */
export type LogDestination = 'stdout' | 'stderr';

function rootLogger(config: AppConfig, destination: LogDestination): pino.Logger {
  return pino(
    {
      level: config.logLevel,
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
    },
    pino.destination(destination === 'stdout' ? 1 : 2),
  );
}

/** The one pino logger, held by the request log and handed to nestjs-pino. */
@Module({})
class RootLoggerModule {
  static forRoot(destination: LogDestination): DynamicModule {
    return {
      module: RootLoggerModule,
      providers: [
        {
          provide: RequestLogging,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => new RequestLogging(rootLogger(config, destination)),
        },
      ],
      exports: [RequestLogging],
    };
  }
}

/**
 * Structured JSON logs. Requests are logged by method, path and status only: never bodies, never
 * query values or row contents; cookies and credentials are redacted. The application's logger is
 * nestjs-pino's (lines logged while a request is handled carry the request); the request log is
 * `RequestLogging`, installed by `createHttpApp`, so nestjs-pino installs no middleware of its own.
 */
@Module({})
export class LoggingModule {
  static forRoot(destination: LogDestination): DynamicModule {
    const root = RootLoggerModule.forRoot(destination);
    return {
      module: LoggingModule,
      imports: [
        root,
        LoggerModule.forRootAsync({
          imports: [root],
          inject: [RequestLogging],
          useFactory: (requests: RequestLogging) => ({
            pinoHttp: { logger: requests.logger },
            forRoutes: [],
          }),
        }),
      ],
      exports: [root],
    };
  }
}
