import { METHODS } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Role } from '@oscp/contracts';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ROLES } from '../../apps/api/src/auth/access-policy';
import { IS_PUBLIC_KEY, ROLES_KEY } from '../../apps/api/src/auth/roles.decorator';
import { FORBIDDEN_MESSAGE, SIGN_IN_REQUIRED_MESSAGE } from '../../apps/api/src/auth/session.guard';
import { serverOf, startAuthTestApp, userWithRoles, type AuthTestApp, type SignedIn } from './auth-helpers';

/** One route as Express registered it, with the access metadata Nest holds for its handler. */
interface GuardedRoute {
  method: string;
  path: string;
  isPublic: boolean;
  roles: Role[];
  inputs: RequestInputs;
}

const EXPECTED_PUBLIC = ['GET /api/health', 'POST /api/auth/login'];

let harness: AuthTestApp;
let app: NestExpressApplication;
let routes: GuardedRoute[];
let middlewareMounts: string[];

/**
 * Every route in Express's router at run time: a route added later cannot be forgotten. Nest
 * mounts middleware for every path (request logging) as an all-methods route on a wildcard; those
 * are returned apart, as `middlewareMounts`.
 */
function expressRoutes(instance: unknown): {
  routes: { method: string; path: string }[];
  middlewareMounts: string[];
} {
  const router = (instance as { router?: { stack?: unknown[] } }).router;
  const routes: { method: string; path: string }[] = [];
  const middlewareMounts: string[] = [];
  for (const layer of router?.stack ?? []) {
    const route = (layer as { route?: { path?: unknown; methods?: Record<string, boolean> } }).route;
    if (!route || typeof route.path !== 'string') continue;
    const methods = Object.entries(route.methods ?? {})
      .filter(([, enabled]) => enabled)
      .map(([method]) => method.toUpperCase());
    if (methods.length >= METHODS.length || methods.includes('_ALL')) {
      middlewareMounts.push(route.path);
      continue;
    }
    for (const method of methods) routes.push({ method, path: route.path });
  }
  return { routes, middlewareMounts };
}

function joinPath(...parts: string[]): string {
  const joined = `/${parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;
  return joined === '' ? '/' : joined;
}

/** What a handler takes from the request: body, query string, uploaded file (by its Nest parameter decorators). */
interface RequestInputs {
  body: boolean;
  query: boolean;
  file: boolean;
}

interface RouteMetadata {
  isPublic: boolean;
  roles: Role[];
  inputs: RequestInputs;
}

function requestInputs(controller: object, methodName: string): RequestInputs {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller.constructor, methodName) ?? {}) as Record<
    string,
    unknown
  >;
  const types = Object.keys(args).map((key) => Number(key.split(':')[0]));
  return {
    body: types.includes(RouteParamtypes.BODY),
    query: types.includes(RouteParamtypes.QUERY),
    file: types.includes(RouteParamtypes.FILE) || types.includes(RouteParamtypes.FILES),
  };
}

/** The access metadata of every controller handler, keyed "METHOD /path", read as the guard reads it. */
function nestRouteMetadata(nestApp: NestExpressApplication): Map<string, RouteMetadata> {
  const discovery = new DiscoveryService(nestApp.get(ModulesContainer));
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const metadata = new Map<string, RouteMetadata>();
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
    if (!controller || !wrapper.instance) continue;
    const prototype = Object.getPrototypeOf(wrapper.instance) as Record<string, unknown>;
    const controllerPaths = ([] as string[]).concat(
      (Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined) ?? '/',
    );
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      if (typeof handler !== 'function') continue;
      const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (methodPath === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const isPublic =
        reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [handler, controller]) === true;
      const roles = reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [handler, controller]) ?? [];
      const inputs = requestInputs(wrapper.instance as object, name);
      for (const base of controllerPaths) {
        for (const path of ([] as string[]).concat(methodPath))
          metadata.set(`${method} ${joinPath(base, path)}`, { isPublic, roles, inputs });
      }
    }
  }
  return metadata;
}

/** A concrete URL for a route pattern: parameters become a well-formed id that matches nothing. */
function concretePath(pattern: string): string {
  return pattern
    .replace(/\{\*\w+\}|\*\w+/g, 'x')
    .replace(/:(\w+)/g, (_match, name: string) =>
      /period/i.test(name) ? '2024-25-Q3' : '00000000-0000-4000-8000-000000000000',
    )
    .replace(/[{}]/g, '');
}

function send(method: string, path: string): request.Test {
  const agent = request(serverOf(app));
  switch (method) {
    case 'GET':
      return agent.get(path);
    case 'POST':
      return agent.post(path).send({});
    case 'PUT':
      return agent.put(path).send({});
    case 'PATCH':
      return agent.patch(path).send({});
    case 'DELETE':
      return agent.delete(path);
    case 'HEAD':
      return agent.head(path);
    case 'OPTIONS':
      return agent.options(path);
    default:
      throw new Error(`No test request for method ${method}`);
  }
}

const key = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

/** The description's own routes (the document and its viewer) are not described in it. */
const NOT_IN_DOCUMENT = [
  'GET /api/docs',
  'GET /api/docs/openapi.json',
  'GET /api/docs/assets/init.js',
  'GET /api/docs/assets/:file',
];

interface OpenApiSchemaHolder {
  schema?: Record<string, unknown>;
}

interface OpenApiOperation {
  parameters?: ({ name: string; in: string } & OpenApiSchemaHolder)[];
  requestBody?: { content?: Record<string, OpenApiSchemaHolder> };
  responses?: Record<string, { content?: Record<string, OpenApiSchemaHolder> }>;
}

/** `/api/indicators/:code` as OpenAPI writes it: `/api/indicators/{code}`. */
function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

/** A schema that says something: a type, a reference or a combination (not `{}`). */
function isSchema(schema: Record<string, unknown> | undefined): boolean {
  return (
    schema !== undefined &&
    ['type', '$ref', 'oneOf', 'anyOf', 'allOf', 'enum', 'const'].some((word) => word in schema)
  );
}

function hasContentSchema(content: Record<string, OpenApiSchemaHolder> | undefined): boolean {
  return Object.values(content ?? {}).some((media) => isSchema(media.schema));
}

/** What the description lacks for a route: a response schema, path parameters, the query, the body. */
function operationProblems(route: GuardedRoute, operation: OpenApiOperation): string[] {
  const problems: string[] = [];
  const responses = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
  const answersNothing = responses.length > 0 && responses.every(([status]) => status === '204');
  if (!answersNothing && !responses.some(([, response]) => hasContentSchema(response.content)))
    problems.push('no response schema');
  const parameters = operation.parameters ?? [];
  for (const [, name] of route.path.matchAll(/:(\w+)/g)) {
    if (!parameters.some((p) => p.in === 'path' && p.name === name && isSchema(p.schema)))
      problems.push(`no schema for path parameter ${name}`);
  }
  const query = parameters.filter((p) => p.in === 'query');
  if (route.inputs.query && (query.length === 0 || !query.every((p) => isSchema(p.schema))))
    problems.push('no schema for the query');
  if ((route.inputs.body || route.inputs.file) && !hasContentSchema(operation.requestBody?.content))
    problems.push('no request body schema');
  return problems;
}

beforeAll(async () => {
  harness = await startAuthTestApp();
  app = harness.app;
  const metadata = nestRouteMetadata(app);
  const registered = expressRoutes(app.getHttpAdapter().getInstance());
  middlewareMounts = registered.middlewareMounts;
  routes = registered.routes.map((route) => {
    const access = metadata.get(key(route));
    return {
      ...route,
      isPublic: access?.isPublic ?? false,
      roles: access?.roles ?? [],
      inputs: access?.inputs ?? { body: false, query: false, file: false },
    };
  });
});

afterAll(async () => {
  await harness?.close();
});

describe('every route the API registers', () => {
  it('is a Nest controller route (so the global guard covers it), and there are routes to check', () => {
    expect(routes.length).toBeGreaterThan(5);
    const metadata = nestRouteMetadata(app);
    const outsideNest = routes.filter((route) => !metadata.has(key(route))).map(key);
    expect(outsideNest).toEqual([]);
    // All-methods mounts are Nest middleware on wildcards only (they pass every request on).
    expect(middlewareMounts.every((path) => /^\/?(api\/)?\{?\*\w+\}?$/.test(path))).toBe(true);
  });

  it('is public only for health and sign-in', () => {
    expect(
      routes
        .filter((route) => route.isPublic)
        .map(key)
        .sort(),
    ).toEqual([...EXPECTED_PUBLIC].sort());
  });

  it('serves the static app without a session (the third public thing)', async () => {
    const page = await request(serverOf(app)).get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const deepLink = await request(serverOf(app)).get('/indicators/CP01');
    expect(deepLink.status).not.toBe(401);
  });

  it('answers 401 without a session', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((candidate) => !candidate.isPublic)) {
      const response = await send(route.method, concretePath(route.path));
      if (
        response.status !== 401 ||
        (response.body as { message?: string }).message !== SIGN_IN_REQUIRED_MESSAGE
      ) {
        failures.push(`${key(route)} answered ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 to a signed-in user who holds none of the route roles', async () => {
    const restricted = routes.filter(
      (route) => !route.isPublic && route.roles.length > 0 && !route.roles.includes('viewer'),
    );
    expect(restricted.length).toBeGreaterThan(0);
    const users = new Map<string, SignedIn>();
    const failures: string[] = [];
    for (const route of restricted) {
      const outside = ALL_ROLES.filter((role) => !route.roles.includes(role));
      const setKey = outside.join(',');
      let user = users.get(setKey);
      if (!user) {
        user = await userWithRoles(app, outside);
        users.set(setKey, user);
      }
      const response = await send(route.method, concretePath(route.path))
        .set('cookie', user.cookie)
        .set('x-csrf-token', user.info.csrfToken);
      if (response.status !== 403 || (response.body as { message?: string }).message !== FORBIDDEN_MESSAGE) {
        failures.push(
          `${key(route)} (needs ${route.roles.join('|')}, user holds ${outside.join('|')}) answered ${response.status}`,
        );
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets a viewer past the guard on GET routes open to every signed-in user', async () => {
    const viewer = await userWithRoles(app, ['viewer']);
    const open = routes.filter(
      (route) =>
        route.method === 'GET' &&
        !route.isPublic &&
        (route.roles.length === 0 || route.roles.includes('viewer')),
    );
    const failures: string[] = [];
    for (const route of open) {
      const response = await send(route.method, concretePath(route.path)).set('cookie', viewer.cookie);
      const message = (response.body as { message?: string }).message;
      if (response.status === 401 || (response.status === 403 && message === FORBIDDEN_MESSAGE))
        failures.push(`${key(route)} answered ${response.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('keeps the OpenAPI description behind sign-in', async () => {
    expect((await request(serverOf(app)).get('/api/docs')).status).toBe(401);
    expect((await request(serverOf(app)).get('/api/docs/openapi.json')).status).toBe(401);
    const viewer = await userWithRoles(app, ['viewer']);
    const document = await request(serverOf(app)).get('/api/docs/openapi.json').set('cookie', viewer.cookie);
    expect(document.status).toBe(200);
    expect(Object.keys((document.body as { paths: Record<string, unknown> }).paths)).toContain(
      '/api/auth/login',
    );
  });

  it('documents every route with a response schema and a schema for each path parameter, query and body it reads', async () => {
    const viewer = await userWithRoles(app, ['viewer']);
    const document = (await request(serverOf(app)).get('/api/docs/openapi.json').set('cookie', viewer.cookie))
      .body as { paths: Record<string, Record<string, OpenApiOperation>> };
    const documented = routes.filter((route) => !NOT_IN_DOCUMENT.includes(key(route)));
    expect(documented.length).toBeGreaterThanOrEqual(50);
    const problems = documented.flatMap((route) => {
      const operation = document.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
      if (!operation) return [`${key(route)}: not in the OpenAPI document`];
      return operationProblems(route, operation).map((problem) => `${key(route)}: ${problem}`);
    });
    expect(problems).toEqual([]);
    // Only the description itself is left out of it.
    const operations = Object.values(document.paths).flatMap((methods) => Object.keys(methods));
    expect(operations).toHaveLength(documented.length);
  });

  it('answers an unknown API path with 404 and no stack trace, whether signed in or not', async () => {
    const anonymous = await request(serverOf(app)).get('/api/no-such-thing');
    expect(anonymous.status).toBe(404);
    expect(JSON.stringify(anonymous.body)).not.toMatch(/at .+\.(js|ts):\d+/);
  });
});
