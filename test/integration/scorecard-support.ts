/** Helpers of the scorecard integration tests: the built command line and throw-away databases. */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface CliResult {
  code: number | null;
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
}

/** Runs `node <cli> ...args` and collects its output (stdout also as bytes, for XLSX). */
export function runCli(
  cli: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd?: string,
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdoutBytes = Buffer.concat(out);
      resolvePromise({
        code,
        stdout: stdoutBytes.toString('utf8'),
        stdoutBytes,
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/**
 * A new, empty database on the server in `TEST_DATABASE_URL`, or null when it is unset (the
 * product then uses its embedded database in the data folder).
 */
export async function freshDatabaseUrl(prefix: string): Promise<string | null> {
  const admin = process.env.TEST_DATABASE_URL?.trim();
  if (!admin) return null;
  const name = `oscp_${prefix}_${randomBytes(4).toString('hex')}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(url: string): Promise<void> {
  const admin = process.env.TEST_DATABASE_URL?.trim();
  if (!admin) return;
  const name = new URL(url).pathname.slice(1);
  if (!/^oscp_[a-z]+_[0-9a-f]{8}$/.test(name)) return;
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
}
