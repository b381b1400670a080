import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import type { Health } from '@oscp/contracts';

/** The repository root (this file is test/support/built-api.ts). */
export const repoRoot = resolve(__dirname, '..', '..');

export interface BuiltApi {
  baseUrl: string;
  adminEmail: string;
  adminPassword: string;
  dataDir: string;
  /** The server's recent output, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

export interface StartBuiltApiOptions {
  /** Wait until the demo start-up run has published a snapshot. */
  waitForPublishedRun?: boolean;
  timeoutMs?: number;
  /** Use the embedded database in the data folder even when TEST_DATABASE_URL is set. */
  embedded?: boolean;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fresh database on TEST_DATABASE_URL's server, or null to use the embedded one. */
async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return null;
  const name = `oscp_e2e_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/**
 * Starts the built API (`apps/api/dist/main.js`) in demo mode on a free port with its own data
 * folder, waits for `/api/health` and, if asked, for the first published run.
 */
export async function startBuiltApi(options: StartBuiltApiOptions = {}): Promise<BuiltApi> {
  const main = join(repoRoot, 'apps', 'api', 'dist', 'main.js');
  if (!existsSync(main))
    throw new Error(`The API is not built: ${main} is missing. Run "npm run build" first.`);
  const timeoutMs = options.timeoutMs ?? 240_000;
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'oscp-e2e-'));
  const database = options.embedded ? null : await freshDatabase();
  const adminEmail = 'e2e-admin@example.org';
  const adminPassword = 'e2e-admin-password-long-enough';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    OSCP_DEMO: 'true',
    OSCP_ADMIN_EMAIL: adminEmail,
    OSCP_ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  if (database) env.DATABASE_URL = database.url;
  else delete env.DATABASE_URL;

  let output = '';
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([gone, sleep(10_000)]);
      if (exited === null) child.kill('SIGKILL');
    }
    await database?.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (exited !== null) throw new Error(`The API exited with code ${exited}.`);
      if (Date.now() > deadline) throw new Error('The API did not become ready in time.');
      const health = await fetch(`${baseUrl}/api/health`)
        .then(async (r) => (r.ok ? ((await r.json()) as Health) : null))
        .catch(() => null);
      if (health) {
        if (!options.waitForPublishedRun) break;
        if (health.lastRun?.status === 'published' && health.warehouse === 'ok') break;
        if (health.lastRun?.status === 'failed') throw new Error('The demo start-up run failed.');
      }
      await sleep(500);
    }
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- API output ---\n${output.slice(-4000)}`);
  }
  return { baseUrl, adminEmail, adminPassword, dataDir, output: () => output, stop };
}

/** Chromium from the system package (no Playwright browser download); CHROMIUM_PATH overrides. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
