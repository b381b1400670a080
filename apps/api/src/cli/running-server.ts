import type { LocalServerInfo } from '../auth/local-access';
import { CliFailure } from './cli-command';

/**
 * Asks the server running on this data folder for a file, with its local token: while it runs,
 * its embedded database is its own, so a command reads through it instead. `what` names the
 * file in a failure ("the briefing pack").
 */
export async function fetchFromRunningServer(
  server: Pick<LocalServerInfo, 'port' | 'token'>,
  path: string,
  query: Record<string, string | undefined>,
  what: string,
): Promise<Buffer> {
  const url = new URL(`http://127.0.0.1:${server.port}${path}`);
  for (const [name, value] of Object.entries(query))
    if (value !== undefined) url.searchParams.set(name, value);
  // Loaded here (with Nest's common package): `oscp --help` does not pay for it.
  const { LOCAL_TOKEN_HEADER } = await import('../auth/local-access.js');
  let response: Response;
  try {
    response = await fetch(url, { headers: { [LOCAL_TOKEN_HEADER]: server.token } });
  } catch {
    throw new CliFailure(
      `The OSCP server on this data folder (port ${server.port}) did not answer. Try again, or stop it and run this command alone.`,
    );
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
    const message =
      typeof body?.message === 'string' ? body.message : `${response.status} ${response.statusText}`;
    // "Nothing published", "no such quarter" and "no Chromium" read as they do without a server.
    if (response.status === 404 || response.status === 503) throw new CliFailure(message);
    throw new CliFailure(`The server could not make ${what}: ${message}`);
  }
  return Buffer.from(await response.arrayBuffer());
}
