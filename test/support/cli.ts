import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const BUILT_CLI = join(REPO_ROOT, 'apps', 'api', 'bin', 'oscp.js');
export const BUILT_SERVER = join(REPO_ROOT, 'apps', 'api', 'dist', 'main.js');

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment for a child: the test's, without anything that would point it elsewhere. */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, DATA_DIR: _dir, PORT: _port, OSCP_RUN_DATE: _date, ...inherited } = process.env;
  return { ...inherited, LOG_LEVEL: 'warn', OSCP_DEMO: 'false', ...env };
}

function assertBuilt(path: string): void {
  if (
    !existsSync(path.endsWith('oscp.js') ? join(REPO_ROOT, 'apps', 'api', 'dist', 'cli', 'main.js') : path)
  ) {
    throw new Error(`${path} is not built: run "npm run build" first (npm test does it).`);
  }
}

/** Starts a built entry point; `result` settles when it exits. */
export interface SpawnedNode {
  child: ChildProcess;
  result: Promise<ProcessResult>;
  /** What it has written to stderr so far. */
  stderrSoFar(): string;
}

export function spawnNode(entry: string, args: string[], env: Record<string, string>): SpawnedNode {
  assertBuilt(entry);
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: REPO_ROOT,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const result = new Promise<ProcessResult>((resolveResult) => {
    child.once('exit', (code, signal) => resolveResult({ code, signal, stdout, stderr }));
  });
  return { child, result, stderrSoFar: () => stderr };
}

/** Runs `oscp <args>` (the built CLI) to the end. */
export function runOscp(args: string[], env: Record<string, string>): Promise<ProcessResult> {
  return spawnNode(BUILT_CLI, args, env).result;
}
