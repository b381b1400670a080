import type { ApiError } from '@oscp/contracts';

/** An error answer from the API, or a network failure (status 0). */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly fields: { field: string; message: string }[];

  constructor(status: number, message: string, fields: { field: string; message: string }[] = []) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.fields = fields;
  }
}

export type QueryValue = string | number | boolean | null | undefined;

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();

/** Kept in memory only (from sign-in or `GET /api/auth/me`); sent on every state-changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request that needs a session answers 401, so the app can send the user to sign in. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function withQuery(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function isApiError(body: unknown): body is ApiError {
  return (
    typeof body === 'object' &&
    body !== null &&
    'message' in body &&
    typeof (body as { message: unknown }).message === 'string'
  );
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** False for calls where a 401 is an expected answer (the session check, sign-in). */
  reportUnauthorized?: boolean;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiRequestError(
      0,
      'The scorecard service could not be reached. Check your connection and try again.',
    );
  }
  if (response.ok) return response;

  let parsed: unknown = null;
  try {
    parsed = await response.json();
  } catch {
    // Not JSON (a proxy error page, for example): fall back to a generic message below.
  }
  if (response.status === 401 && options.reportUnauthorized !== false) {
    for (const listener of unauthorizedListeners) listener();
  }
  if (isApiError(parsed)) throw new ApiRequestError(response.status, parsed.message, parsed.fields ?? []);
  throw new ApiRequestError(
    response.status,
    `The service answered ${response.status} ${response.statusText}.`,
  );
}

/** GET a JSON resource whose shape is given by `@oscp/contracts`. */
export async function getJson<T>(
  path: string,
  query?: Record<string, QueryValue>,
  signal?: AbortSignal,
  options: { reportUnauthorized?: boolean } = {},
): Promise<T> {
  const response = await send(withQuery(path, query), {
    signal,
    reportUnauthorized: options.reportUnauthorized,
  });
  return (await response.json()) as T;
}

/** Send a state-changing request (with the CSRF token) and read its JSON answer, if any. */
export async function sendJson<T>(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  options: { reportUnauthorized?: boolean } = {},
): Promise<T> {
  const response = await send(path, { method, body, reportUnauthorized: options.reportUnauthorized });
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}
