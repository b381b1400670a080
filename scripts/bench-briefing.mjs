#!/usr/bin/env node
// Briefing pack benchmark: time to generate the quarter's pack for an Oldham-sized borough (demo
// data at scale 1) as PDF, XLSX and CSV over HTTP, the first request (the PDF's includes starting
// Chromium) and the median of the next N; then two PDF requests at once, and how many Chromium
// browsers the server started. Target: under 5 s per pack.
//
//   npm run bench:briefing [-- --runs 5]
//
// Starts the BUILT API (apps/api/dist/main.js) in demo mode on a free port with its own data
// folder and the embedded database, as a fresh install does.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 && args[index + 1] ? args[index + 1] : fallback;
};
const runs = Number(option('--runs', '5'));
const targetSeconds = 5;
const apiMain = join(root, 'apps', 'api', 'dist', 'main.js');
if (!existsSync(apiMain)) {
  console.error(`Missing ${apiMain}: run "npm run build" first.`);
  process.exit(2);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Chromium browser processes (not their renderers) started by the server process. */
function browsersUnder(pid) {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .filter(Boolean)
    .map(([, p, pp, command]) => ({ pid: Number(p), ppid: Number(pp), command }));
  return rows.filter((row) => row.ppid === pid && /chrom/i.test(row.command) && !/--type=/.test(row.command))
    .length;
}

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'oscp-bench-briefing-'));
const adminEmail = 'bench-admin@example.org';
const adminPassword = 'bench-admin-password-long-enough';
const env = {
  ...process.env,
  PORT: String(port),
  DATA_DIR: dataDir,
  OSCP_DEMO: 'true',
  OSCP_ADMIN_EMAIL: adminEmail,
  OSCP_ADMIN_PASSWORD: adminPassword,
  LOG_LEVEL: 'warn',
};
delete env.DATABASE_URL;
let output = '';
const child = spawn(process.execPath, [apiMain], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
child.stdout.on('data', (c) => (output = (output + c).slice(-8000)));
child.stderr.on('data', (c) => (output = (output + c).slice(-8000)));
const stop = async () => {
  if (child.exitCode === null) {
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([gone, sleep(10_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
};

const baseUrl = `http://127.0.0.1:${port}`;
try {
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`The API did not publish a demo snapshot.\n${output}`);
    const health = await fetch(`${baseUrl}/api/health`)
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null);
    if (health?.lastRun?.status === 'published' && health.warehouse === 'ok') break;
    await sleep(500);
  }
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: adminEmail, password: adminPassword }),
  });
  if (!login.ok) throw new Error(`Sign-in failed: ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { defaultPeriod } = await (await fetch(`${baseUrl}/api/periods`, { headers: { cookie } })).json();
  const slug = defaultPeriod.replace(' ', '-');

  const timed = async (format, query = '') => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/api/briefings/${slug}.${format}${query}`, {
      headers: { cookie },
    });
    const bytes = (await response.arrayBuffer()).byteLength;
    if (!response.ok) throw new Error(`${format}: ${response.status} ${output}`);
    return { seconds: (performance.now() - started) / 1000, bytes };
  };

  console.log(
    `Briefing pack for ${defaultPeriod}, demo data at scale 1 (Oldham-sized), ${runs} warm runs each`,
  );
  console.log('format | first request | median warm | size | within 5 s');
  const rows = [];
  for (const format of ['pdf', 'xlsx', 'csv']) {
    const first = await timed(format);
    const warm = [];
    for (let i = 0; i < runs; i += 1) warm.push((await timed(format)).seconds);
    const row = { format, first: first.seconds, warm: median(warm), kb: first.bytes / 1024 };
    rows.push(row);
    console.log(
      `${format.padEnd(6)} | ${row.first.toFixed(2)} s | ${row.warm.toFixed(2)} s | ${row.kb.toFixed(0)} KB | ${Math.max(row.first, row.warm) < targetSeconds ? 'yes' : 'NO'} (${(Math.max(row.first, row.warm) / targetSeconds).toFixed(2)} of the target)`,
    );
  }
  const started = performance.now();
  await Promise.all([timed('pdf'), timed('pdf', '?published=true')]);
  const both = (performance.now() - started) / 1000;
  const browsers = browsersUnder(child.pid);
  console.log(
    `two PDF requests at once: ${both.toFixed(2)} s in all; Chromium browsers started by the server: ${browsers}`,
  );
  if (browsers !== 1) process.exitCode = 1;
} finally {
  await stop();
}
