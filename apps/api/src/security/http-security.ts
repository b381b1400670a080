import {
  BadRequestException,
  HttpException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import express, {
  type Express,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config';

/** JSON bodies are small (sign-in, users, targets, exception reports); uploads are multipart. */
export const JSON_BODY_LIMIT_BYTES = 100 * 1024;

type Directives = Record<string, string[]>;

/**
 * The Content-Security-Policy. The built dashboard loads only its own module scripts, styles,
 * fonts and images (no inline script or style elements; React sets styles through the DOM,
 * which CSP allows), so `'self'` suffices; `data:` images for chart exports and GOV.UK assets.
 * The API viewer at /api/docs (Swagger UI, served from the site) renders under the same policy.
 */
export function contentSecurityPolicy(options: { upgradeInsecureRequests: boolean }): Directives {
  const directives: Directives = {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'connect-src': ["'self'"],
    'font-src': ["'self'", 'data:'],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'img-src': ["'self'", 'data:'],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'worker-src': ["'self'"],
  };
  // Only when the site is served over TLS: on plain HTTP it would break every asset.
  if (options.upgradeInsecureRequests) directives['upgrade-insecure-requests'] = [];
  return directives;
}

/** Helmet, configured: its headers are what `securityHeaderWrites` records. */
export function helmetMiddleware(config: AppConfig): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: contentSecurityPolicy({ upgradeInsecureRequests: config.secureCookies === true }),
    },
    // HSTS only where TLS is certain; `auto` deployments set it at their proxy.
    strictTransportSecurity:
      config.secureCookies === true ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}

/** A header helmet sets (`value`) or removes (`null`), in helmet's order. */
export interface HeaderWrite {
  name: string;
  value: string | null;
}

/**
 * The headers helmet writes for this configuration, recorded once by running helmet on a stand-in
 * response. Every directive is a fixed string (no nonce, nothing from the request), so the writes
 * are the same for every request: replaying them costs one `setHeader` each instead of helmet's
 * chain of eleven middlewares per request.
 */
export function securityHeaderWrites(config: AppConfig): readonly HeaderWrite[] {
  const writes: HeaderWrite[] = [];
  const recorder = {
    setHeader(name: string, value: unknown): void {
      if (typeof value !== 'string') throw new Error(`Helmet set ${name} to a value that is not text.`);
      writes.push({ name, value });
    },
    removeHeader(name: string): void {
      writes.push({ name, value: null });
    },
  };
  let finished = false;
  helmetMiddleware(config)({} as Request, recorder as unknown as Response, (error?: unknown) => {
    if (error !== undefined) throw error;
    finished = true;
  });
  if (!finished) throw new Error('Helmet did not finish synchronously: its headers cannot be recorded.');
  return writes;
}

/** `/api`, `/api/` and below, matched as Express's `app.use('/api')` matches it (case-insensitive). */
export function isUnderApi(path: string): boolean {
  if (path.length < 4 || path.slice(0, 4).toLowerCase() !== '/api') return false;
  return path.length === 4 || path[4] === '/';
}

/** Methods whose requests carry no body the API reads. */
const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Security headers, cookie parsing and body-size limits, applied in `createHttpApp` before any
 * route, as one middleware (one router step per request instead of one per concern), in this order:
 * helmet's headers; for `/api`, `cache-control: no-store` and the control-character check; JSON
 * and URL-encoded bodies, except on GET, HEAD and OPTIONS. The cookies (cookie-parser's
 * `request.cookies`) are parsed when first read. Body parser errors become HTTP errors with plain messages (413, 415, 400) instead of
 * falling through to a 500.
 */
export function applyHttpSecurity(app: NestExpressApplication, config: AppConfig): void {
  app.disable('x-powered-by');
  const headerWrites = securityHeaderWrites(config);
  parseCookiesOnFirstRead(expressApp(app).request);
  const parseJson = withHttpErrors(express.json({ limit: JSON_BODY_LIMIT_BYTES }));
  const parseUrlEncoded = withHttpErrors(
    express.urlencoded({ limit: JSON_BODY_LIMIT_BYTES, extended: false }),
  );
  const parseBodies = (request: Request, response: Response, next: NextFunction): void => {
    parseJson(request, response, (error?: unknown) => {
      if (error !== undefined) return next(error);
      parseUrlEncoded(request, response, next);
    });
  };
  app.use((request: Request, response: Response, next: NextFunction) => {
    for (const { name, value } of headerWrites) {
      if (value === null) response.removeHeader(name);
      else response.setHeader(name, value);
    }
    if (isUnderApi(request.path)) {
      // API answers hold personal and sensitive data: no caching by browsers or proxies.
      response.setHeader('cache-control', 'no-store');
      const problem = addressProblem(request.originalUrl ?? request.url);
      if (problem !== null) return next(problem);
    }
    if (BODYLESS_METHODS.has(request.method)) next();
    else parseBodies(request, response, next);
  });
}

/** The Express application under Nest's (or, in tests, a bare Express application). */
function expressApp(app: NestExpressApplication): Express {
  const withAdapter = app as Partial<NestExpressApplication>;
  return typeof withAdapter.getHttpAdapter === 'function'
    ? (withAdapter.getHttpAdapter().getInstance() as Express)
    : (app as unknown as Express);
}

/** Request properties cookie-parser sets. */
const COOKIE_PARSER_PROPERTIES = ['cookies', 'signedCookies', 'secret'] as const;

/**
 * `request.cookies` and `request.signedCookies`, exactly as cookie-parser sets them, made by
 * cookie-parser itself the first time a request's are read, through accessors on the application's
 * request prototype (Express's `app.request`), instead of for every request in the middleware:
 * the session check reads its one cookie from the header (`readCookie`), so most requests never
 * read them. Assigning them works as on any request.
 */
function parseCookiesOnFirstRead(requestPrototype: Request): void {
  const parseCookies = cookieParser();
  const own = (request: Request, property: string, value: unknown): void => {
    Object.defineProperty(request, property, { value, writable: true, enumerable: true, configurable: true });
  };
  for (const property of COOKIE_PARSER_PROPERTIES) {
    Object.defineProperty(requestPrototype, property, {
      configurable: true,
      get(this: Request): unknown {
        // Own properties from here on: cookie-parser finds `cookies` unset and sets all three.
        for (const name of COOKIE_PARSER_PROPERTIES) own(this, name, undefined);
        // cookie-parser is synchronous and only ever calls on without an error.
        parseCookies(this, this.res as Response, () => undefined);
        return (this as unknown as Record<string, unknown>)[property];
      },
      set(this: Request, value: unknown): void {
        own(this, property, value);
      },
    });
  }
}

function withHttpErrors(parser: RequestHandler): RequestHandler {
  return (request, response, next) => {
    parser(request, response, (error?: unknown) => {
      if (error === undefined || error === null) return next();
      next(toHttpException(error));
    });
  };
}

/** Maps body-parser's errors (which carry `type` and `status`) to Nest's HTTP exceptions. */
export function toHttpException(error: unknown): HttpException | unknown {
  if (typeof error !== 'object' || error === null) return error;
  const { type, status } = error as { type?: unknown; status?: unknown };
  if (type === 'entity.too.large')
    return new PayloadTooLargeException(
      `The request body is larger than ${JSON_BODY_LIMIT_BYTES / 1024} KB.`,
    );
  if (type === 'charset.unsupported' || type === 'encoding.unsupported')
    return new UnsupportedMediaTypeException('The request body must be UTF-8.');
  if (type === 'entity.parse.failed') return new BadRequestException('The request body is not valid JSON.');
  if (typeof status === 'number' && status >= 400 && status < 500)
    return new BadRequestException('The request body could not be read.');
  return error;
}

/** C0 control characters (NUL included) and DEL: never part of a name, code, id or email. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * The 400 for an address (path and query) that holds a NUL or another control character (raw or
 * percent-encoded), or a malformed percent-encoding, or null: checked for `/api` before any route
 * sees it, as the database refuses NUL in text and no filter, id or code in this API holds one.
 */
export function addressProblem(url: string): BadRequestException | null {
  // Without a percent sign nothing decodes to anything but itself ('+' to a space): one test of
  // the raw address decides, with no splitting or decoding on the common path.
  if (!url.includes('%')) return CONTROL_CHARACTER.test(url) ? controlCharacterProblem() : null;
  const queryStart = url.indexOf('?');
  const path = queryStart < 0 ? url : url.slice(0, queryStart);
  const query = queryStart < 0 ? '' : url.slice(queryStart + 1);
  const parts: string[] = [path];
  for (const pair of query.split('&')) parts.push(...pair.split('='));
  for (const part of parts) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part.replaceAll('+', ' '));
    } catch {
      return new BadRequestException('The address has a malformed percent-encoding (%).');
    }
    if (CONTROL_CHARACTER.test(decoded)) return controlCharacterProblem();
  }
  return null;
}

function controlCharacterProblem(): BadRequestException {
  return new BadRequestException(
    'The address holds a control character (such as NUL, %00): remove it and try again.',
  );
}
