import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, SetMetadata, type OnApplicationShutdown } from '@nestjs/common';
import { sameSecret } from './session-token';

/**
 * The command line on the same machine asks the running server for what it cannot open itself
 * (the embedded database is the server's alone while it runs). The server writes its loopback
 * port and a random token, readable by its own user only, into the data folder; a request from
 * the loopback address carrying that token may call the read-only routes marked
 * `@LocalCliAccess()`. Nothing else accepts the token.
 */

export const LOCAL_CLI_KEY = 'oscp:local-cli';
export const LOCAL_TOKEN_HEADER = 'x-oscp-local-token';
export const LOCAL_SERVER_FILE = 'oscp-server.json';

/** A GET route the local command line may call with the server's token instead of a session. */
export const LocalCliAccess = (): MethodDecorator => SetMetadata(LOCAL_CLI_KEY, true);

export interface LocalServerInfo {
  pid: number;
  port: number;
  token: string;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function isLoopback(address: string | undefined): boolean {
  return address !== undefined && LOOPBACK.has(address);
}

@Injectable()
export class LocalAccessToken implements OnApplicationShutdown {
  private readonly token = randomBytes(32).toString('base64url');
  private published: string | null = null;

  /** True when `supplied` is this server's token. */
  matches(supplied: string | undefined): boolean {
    return this.published !== null && sameSecret(this.token, supplied);
  }

  /** Writes `DATA_DIR/oscp-server.json` (mode 0600) once the server listens on `port`. */
  publish(dataDir: string, port: number): void {
    const path = join(dataDir, LOCAL_SERVER_FILE);
    const info: LocalServerInfo = { pid: process.pid, port, token: this.token };
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(info)}\n`, { mode: 0o600 });
    renameSync(temporary, path);
    this.published = path;
  }

  onApplicationShutdown(): void {
    if (!this.published) return;
    try {
      if (readLocalServer(this.published.slice(0, -LOCAL_SERVER_FILE.length - 1))?.pid === process.pid)
        unlinkSync(this.published);
    } catch {
      // Already gone.
    }
    this.published = null;
  }
}

/** The running server of a data folder, or null when there is none (no file, or its process is gone). */
export function readLocalServer(dataDir: string): LocalServerInfo | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(dataDir, LOCAL_SERVER_FILE), 'utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { pid, port, token } = parsed as Record<string, unknown>;
  if (typeof pid !== 'number' || typeof port !== 'number' || typeof token !== 'string') return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EPERM')) return null;
  }
  return { pid, port, token };
}
