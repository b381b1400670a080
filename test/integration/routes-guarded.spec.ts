import { METHODS } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
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

/** The access metadata of every controller handler, keyed "METHOD /path", read as the guard reads it. */
function nestRouteMetadata(
  nestApp: NestExpressApplication,
): Map<string, { isPublic: boolean; roles: Role[] }> {
  const discovery = new DiscoveryService(nestApp.get(ModulesContainer));
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const metadata = new Map<string, { isPublic: boolean; roles: Role[] }>();
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
      for (const base of controllerPaths) {
        for (const path of ([] as string[]).concat(methodPath))
          metadata.set(`${method} ${joinPath(base, path)}`, { isPublic, roles });
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

beforeAll(async () => {
  harness = await startAuthTestApp();
  app = harness.app;
  const metadata = nestRouteMetadata(app);
  const registered = expressRoutes(app.getHttpAdapter().getInstance());
  middlewareMounts = registered.middlewareMounts;
  routes = registered.routes.map((route) => {
    const access = metadata.get(key(route));
    return { ...route, isPublic: access?.isPublic ?? false, roles: access?.roles ?? [] };
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

  it('documents request and response schemas for the exception, commentary, subgroup, indicator list, sign-off, briefing and export routes', async () => {
    const viewer = await userWithRoles(app, ['viewer']);
    const document = (await request(serverOf(app)).get('/api/docs/openapi.json').set('cookie', viewer.cookie))
      .body as {
      paths: Record<
        string,
        Record<string, { requestBody?: unknown; responses?: Record<string, { content?: unknown }> }>
      >;
    };
    const documented = Object.entries(document.paths).filter(([path]) =>
      /^\/api\/(exceptions|commentary|subgroups|signoffs|briefings|exports|indicators$)/.test(path),
    );
    const operations = documented.flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        route: `${method.toUpperCase()} ${path}`,
        operation,
      })),
    );
    const registered = routes.filter((route) =>
      /^\/api\/(exceptions|commentary|subgroups|signoffs|briefings|exports|indicators$)/.test(route.path),
    );
    expect(registered.length).toBeGreaterThanOrEqual(20);
    expect(operations).toHaveLength(registered.length);
    const missing = operations
      .filter(
        ({ route, operation }) =>
          (!route.startsWith('GET') && operation.requestBody === undefined) ||
          !Object.values(operation.responses ?? {}).some((response) => response.content !== undefined),
      )
      .map(({ route }) => route);
    expect(missing).toEqual([]);
  });

  it('answers an unknown API path with 404 and no stack trace, whether signed in or not', async () => {
    const anonymous = await request(serverOf(app)).get('/api/no-such-thing');
    expect(anonymous.status).toBe(404);
    expect(JSON.stringify(anonymous.body)).not.toMatch(/at .+\.(js|ts):\d+/);
  });
});
