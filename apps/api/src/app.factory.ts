import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { DatabaseRuntime } from './database/database-runtime';
import { OpenApiDocument } from './docs/openapi-document';
import { RequestLogging } from './logging/request-logging';
import { applyHttpSecurity } from './security/http-security';
import { serveDashboard } from './static/dashboard-static';

/**
 * The HTTP application, configured the same way for `main.ts` and the tests: database opened
 * first (one clear line if it cannot be), then Nest, middleware, the dashboard and the API
 * description. The caller listens; `app.close()` closes everything, the database included.
 */
export async function createHttpApp(config: AppConfig): Promise<NestExpressApplication> {
  const database = await DatabaseRuntime.open(config);
  try {
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ config, database, mode: 'server' }),
      {
        bufferLogs: true,
        abortOnError: false,
        // The body parsers are applyHttpSecurity's (limits, plain error messages): Nest's own
        // would only add two steps to every request.
        bodyParser: false,
      },
    );
    app.useLogger(app.get(Logger));
    // X-Forwarded-For / -Proto count only from the proxies named in OSCP_TRUSTED_PROXIES: from
    // anyone else they would let a client choose its own address (and dodge the rate limit).
    app.set('trust proxy', config.trustedProxies.length > 0 ? [...config.trustedProxies] : false);
    // Security headers (CSP), cookies and body-size limits: see security/http-security.ts.
    applyHttpSecurity(app, config);
    serveDashboard(app);
    // Requests that reach Nest (not pages, assets or addresses refused above) get an id and a log line.
    app.use(app.get(RequestLogging).middleware);
    const description = new DocumentBuilder()
      .setTitle('OSCP partnership scorecard API')
      .setDescription(
        'Scorecards, runs, uploads and data quality. Sign in first: every route except health and sign-in needs a session.',
      )
      .setVersion('1')
      .addCookieAuth('oscp_session')
      .build();
    app.get(OpenApiDocument).set(SwaggerModule.createDocument(app, description));
    return app;
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

/** The one line printed when the server cannot start. */
export function startupFailureLine(error: unknown, config: AppConfig | null): string {
  if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    return `Could not start: port ${config?.port ?? ''} is already in use (set PORT to another port).`;
  }
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0] ?? message;
  if (
    error instanceof Error &&
    ['ConfigError', 'DataDirInUseError', 'DatabaseUnavailableError'].includes(error.name)
  )
    return firstLine;
  return `Could not start: ${firstLine}`;
}
