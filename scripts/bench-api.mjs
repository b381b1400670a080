#!/usr/bin/env node
// API under load: starts the built API (apps/api/dist/main.js) in demo mode on a fresh data folder,
// waits for the demo run to publish, signs in, then drives each route with autocannon (50
// connections, 20 s, the session cookie on every request) and prints requests/s and latency
// p50/p95/p99, and the API process's own CPU time per request (from /proc on Linux: unlike latency,
// it hardly depends on how busy the machine is). The load generator runs on the same machine.
//
//   npm run bench:api [-- --connections 50] [-- --duration 20] [-- --database embedded|postgres]
//                     [-- --routes /api/scorecard,/api/health] [-- --cpu-prof <folder>]
//
// --cpu-prof writes a V8 CPU profile of the API process (open it in Chrome DevTools) into the folder
// when the run ends (start-up and the demo run included: look at the last seconds); the API is then
// stopped with SIGUSR2, which exits it at once so the profile is written (SIGTERM re-raises after
// shutdown and would lose it).
//
// --database postgres (default when TEST_DATABASE_URL is set) gives the API a fresh database on
// that server, as a partnership deployment has; embedded uses the zero-set-up database.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const autocannon = require('autocannon');
const pg = require('pg');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 && args[index + 1] ? args[index + 1] : fallback;
};
const connections = Number(option('--connections', '50'));
const duration = Number(option('--duration', '20'));
const serverUrl = process.env.TEST_DATABASE_URL;
const databaseKind = option('--database', serverUrl ? 'postgres' : 'embedded');
const routes = option('--routes', '/api/scorecard,/api/indicators/CP01,/api/health').split(',');
const profileDir = option('--cpu-prof', null);

const main = join(root, 'apps', 'api', 'dist', 'main.js');
if (!existsSync(main)) {
  console.error(`The API is not built (${main} is missing): run "npm run build" first.`);
  process.exit(1);
}

const dataDir = mkdtempSync(join(tmpdir(), 'oscp-bench-api-'));
const email = 'bench-admin@example.org';
const password = 'bench-admin-password-long-enough';
let database = null;
let child = null;
try {
  if (databaseKind === 'postgres') database = await freshDatabase();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const nodeArgs = profileDir
    ? [
        '--cpu-prof',
        '--cpu-prof-dir',
        resolve(profileDir),
        '-e',
        `process.on('SIGUSR2', () => process.exit(0)); require(${JSON.stringify(main)});`,
      ]
    : [main];
  child = spawn(process.execPath, nodeArgs, {
    cwd: dataDir,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      OSCP_DEMO: 'true',
      OSCP_ADMIN_EMAIL: email,
      OSCP_ADMIN_PASSWORD: password,
      LOG_LEVEL: 'warn',
      DATABASE_URL: database?.url ?? '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForPublished(base);
  const cookie = await signIn(base);
  console.log(
    `API on ${databaseKind === 'postgres' ? 'PostgreSQL' : 'the embedded database'}; ${cpus().length} cores shared with the load generator; ` +
      `${connections} connections, ${duration} s per route; signed in as the administrator (who holds the viewer role).`,
  );
  const results = [];
  for (const path of routes) {
    // One request first, so the first computation is not counted as load.
    const warm = await fetch(`${base}${path}`, { headers: { cookie } });
    if (!warm.ok) throw new Error(`${path} answered ${warm.status}`);
    const cpuBefore = processCpuMs(child.pid);
    // Every answer's latency, for exact percentiles: autocannon's own summary has p90 and p97.5
    // but no p95.
    const latenciesMs = [];
    const load = autocannon({
      url: `${base}${path}`,
      connections,
      duration,
      headers: { cookie },
    });
    load.on('response', (_client, _statusCode, _bytes, responseTimeMs) => latenciesMs.push(responseTimeMs));
    const result = await load;
    const latency = percentiles(latenciesMs);
    const cpuAfter = processCpuMs(child.pid);
    // The API's own CPU time per answered request: unlike latency, it does not grow with how many
    // other processes share the cores.
    const apiCpuUsPerRequest =
      cpuBefore === null || cpuAfter === null || result.requests.total === 0
        ? null
        : Math.round(((cpuAfter - cpuBefore) * 1000) / result.requests.total);
    const errors = result.errors + result.timeouts + result.non2xx;
    results.push({
      path,
      requestsPerSecond: Math.round(result.requests.average),
      p50Ms: latency.p50,
      p95Ms: latency.p95,
      p99Ms: latency.p99,
      errors,
      apiCpuUsPerRequest,
      loadAverage: Number(loadavg()[0].toFixed(1)),
    });
    console.log(
      `${path.padEnd(24)} ${String(Math.round(result.requests.average)).padStart(6)} req/s  p50 ${latency.p50} ms  p95 ${latency.p95} ms  p99 ${latency.p99} ms  errors ${errors}  API CPU ${apiCpuUsPerRequest ?? '?'} µs/request  (load average ${loadavg()[0].toFixed(1)})`,
    );
  }
  const scorecard = results.find((r) => r.path === '/api/scorecard');
  if (scorecard)
    console.log(
      `scorecard p95 under 10 ms: ${scorecard.p95Ms < 10 ? 'met' : 'not met'} (${scorecard.p95Ms} ms)`,
    );
  console.log(JSON.stringify({ database: databaseKind, connections, durationS: duration, routes: results }));
} finally {
  if (child && child.exitCode === null) {
    const gone = new Promise((r) => child.once('exit', r));
    child.kill(profileDir ? 'SIGUSR2' : 'SIGTERM');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
  }
  await database?.drop().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
}

/** User plus system CPU time of a process in ms, from /proc (Linux); null elsewhere. */
function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which is in parentheses and may hold spaces): utime is the 14th field, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticksPerSecond = 100;
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return null;
  }
}

/** p50, p95 and p99 of the latencies in ms (nearest rank), to a tenth of a millisecond. */
function percentiles(latenciesMs) {
  const sorted = Float64Array.from(latenciesMs).sort();
  const at = (p) =>
    sorted.length === 0
      ? null
      : Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10;
  return { p50: at(50), p95: at(95), p99: at(99) };
}

async function waitForPublished(base) {
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The API exited with code ${child.exitCode}.`);
    if (Date.now() > deadline) throw new Error('The demo run did not publish within 5 minutes.');
    const health = await fetch(`${base}/api/health`)
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null);
    if (health?.lastRun?.status === 'published' && health.warehouse === 'ok') return;
    if (health?.lastRun?.status === 'failed') throw new Error('The demo start-up run failed.');
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function signIn(base) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`Sign-in answered ${response.status}`);
  const line = response.headers.getSetCookie().find((value) => value.startsWith('oscp_session='));
  return line.split(';')[0];
}

async function freshDatabase() {
  const name = `oscp_bench_api_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(address.port));
    });
  });
}
