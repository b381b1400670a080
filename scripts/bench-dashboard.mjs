#!/usr/bin/env node
// Dashboard benchmark: the production bundle's first-load size (gzip, JS + CSS actually fetched
// to show the scorecard) and the time from navigation to the scorecard table rendered in
// headless Chromium (median of 10, cold cache), beside the time of `GET /api/scorecard` alone
// (median of 10), and their ratio.
//
//   npm run bench:dashboard [-- --runs 10] [-- --build]
//
// Starts the BUILT API (apps/api/dist/main.js) in demo mode on a free port with its own data
// folder, like the e2e tests; `--build` runs `npm run build -w dashboards` first.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 && args[index + 1] ? args[index + 1] : fallback;
};
const runs = Number(option('--runs', '10'));
const budgetKb = 250;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

if (args.includes('--build')) {
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '-w', 'dashboards'], {
    cwd: root,
    stdio: 'inherit',
  });
}
const dist = join(root, 'dashboards', 'dist');
const apiMain = join(root, 'apps', 'api', 'dist', 'main.js');
for (const [file, hint] of [
  [join(dist, 'index.html'), 'npm run build -w dashboards'],
  [apiMain, 'npm run build'],
]) {
  if (!existsSync(file)) {
    console.error(`Missing ${file}: run "${hint}" first.`);
    process.exit(2);
  }
}
if (!existsSync(chromiumPath)) {
  console.error(`No Chromium at ${chromiumPath} (set CHROMIUM_PATH).`);
  process.exit(2);
}

const require = createRequire(join(root, 'package.json'));
const { chromium } = require('playwright-core');

const gzipKb = (file) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// What index.html itself pulls in (entry script, module preloads, stylesheets).
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entryAssets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);

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

async function startApi() {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'oscp-bench-dashboard-'));
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
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`The API did not publish a demo snapshot.\n${output}`);
    }
    const health = await fetch(`${baseUrl}/api/health`)
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null);
    if (health?.lastRun?.status === 'published' && health.warehouse === 'ok') break;
    await sleep(500);
  }
  return { baseUrl, adminEmail, adminPassword, stop };
}

const api = await startApi();
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  const login = await fetch(`${api.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: api.adminEmail, password: api.adminPassword }),
  });
  if (!login.ok) throw new Error(`Sign-in failed: ${login.status}`);
  const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]);
  const host = new URL(api.baseUrl).hostname;
  const storageState = {
    cookies: cookies.map((pair) => {
      const [name, ...rest] = pair.split('=');
      return {
        name,
        value: rest.join('='),
        domain: host,
        path: '/',
        httpOnly: true,
        secure: false,
        sameSite: 'Lax',
        expires: -1,
      };
    }),
    origins: [],
  };

  const pageTimes = [];
  let firstLoad = null;
  for (let i = 0; i < runs; i += 1) {
    // A fresh context each time: cold HTTP cache, as a first visit.
    const context = await browser.newContext({ storageState });
    const page = await context.newPage();
    // Note the moment the first scorecard row is in the document, measured inside the page.
    await page.addInitScript({
      content: `
        const observer = new MutationObserver(() => {
          if (document.querySelector('table.app-scorecard-table tbody tr')) {
            window.__scorecardRenderedAt = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document, { childList: true, subtree: true });`,
    });
    const fetched = new Set();
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (/^\/assets\/.*\.(js|css)$/.test(path)) fetched.add(path);
    });
    await page.goto(`${api.baseUrl}/`);
    await page.waitForSelector('table.app-scorecard-table tbody tr');
    pageTimes.push(await page.evaluate('window.__scorecardRenderedAt'));
    if (process.env.BENCH_WATERFALL && i === runs - 1) {
      const entries = await page.evaluate(
        "performance.getEntriesByType('resource').map(e => [new URL(e.name).pathname + new URL(e.name).search, Math.round(e.startTime), Math.round(e.responseEnd)])",
      );
      for (const [name, start, end] of entries)
        console.log(`  ${String(start).padStart(5)} → ${String(end).padStart(5)} ms  ${name}`);
    }
    firstLoad ??= [...fetched];
    await context.close();
  }

  const apiTimes = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    const response = await fetch(`${api.baseUrl}/api/scorecard`, { headers: { cookie: cookies.join('; ') } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`GET /api/scorecard answered ${response.status}`);
    apiTimes.push(performance.now() - started);
  }

  const sizeOf = (paths) => paths.reduce((sum, p) => sum + gzipKb(join(dist, p)), 0);
  const firstLoadKb = sizeOf(firstLoad ?? []);
  const entryKb = sizeOf(entryAssets);
  const pageMs = median(pageTimes);
  const apiMs = median(apiTimes);
  console.log('Dashboard benchmark (headless Chromium, localhost, built API with demo data)');
  console.log(
    `  first load, gzip (JS + CSS fetched to show the scorecard): ${firstLoadKb.toFixed(1)} KB (${(firstLoad ?? []).length} files; goal < ${budgetKb} KB) ${firstLoadKb < budgetKb ? 'OK' : 'OVER BUDGET'}`,
  );
  console.log(`  entry only (index.html's script and styles), gzip:         ${entryKb.toFixed(1)} KB`);
  console.log(`  navigation → scorecard table rendered, median of ${runs}:     ${pageMs.toFixed(0)} ms`);
  console.log(`  GET /api/scorecard alone, median of ${runs}:                  ${apiMs.toFixed(1)} ms`);
  console.log(
    `  ratio page / API call:                                      ${(pageMs / apiMs).toFixed(1)}×`,
  );
  if (firstLoadKb >= budgetKb) process.exitCode = 1;
} finally {
  await browser.close();
  await api.stop();
}
