#!/usr/bin/env node
// The end-to-end benchmark: one script, one run, one machine.
//
//   npm run bench [-- --scales 1,10,100] [-- --quick] [-- --repeat 3] [-- --no-postgres]
//                 [-- --no-build] [-- --no-postgres-end-to-end] [-- --cache <dir>]
//                 [-- --out docs/performance.md]
//
// --quick is scale 1 only (a few minutes; the full run takes much longer, scale 100 most of it).
// --no-postgres-end-to-end skips only the whole run on PostgreSQL (the longest step at scale 100
// on a busy machine); the marts are still timed on PostgreSQL. Without a PostgreSQL server at
// TEST_DATABASE_URL the PostgreSQL figures are left out (the table says so) and the rest runs.
//
// For each scale it
//   1. generates the demo inbox once into a cache folder (default .bench-cache/, kept between runs);
//   2. times the whole `oscp etl run` as a fresh process on a fresh data folder (read, validate,
//      load, models, data tests, scorecard, publish): on the embedded database, and on a fresh
//      database of the PostgreSQL server in TEST_DATABASE_URL;
//   3. times DuckDB alone reading the same files into typed tables, in a process of its own (the
//      floor);
//   4. times the marts through the model runner, as direct DuckDB SQL and on PostgreSQL
//      (scripts/bench-scorecard.mjs, on the Parquet files step 2 accepted);
// records every process's peak resident memory (on Linux the process and its children together,
// sampled every 50 ms: the ETL work runs in a child process), prints one table with times and
// ratios, writes it to docs/performance.md, and ends with one JSON line.
//
// Whole-process times include Node's start. End-to-end runs at scale 1 are repeated (--repeat,
// default 3) and the median counts; larger scales run once.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 && args[index + 1] ? args[index + 1] : fallback;
};
const scales = option('--scales', args.includes('--quick') ? '1' : '1,10,100')
  .split(',')
  .map(Number);
if (scales.some((scale) => !(scale > 0) || scale > 200)) {
  console.error(
    '--scales must list numbers above 0 and at most 200, separated by commas, e.g. --scales 1,10',
  );
  process.exit(2);
}
const repeat = Number(option('--repeat', '3'));
const cacheDir = resolve(option('--cache', join(root, '.bench-cache')));
const outFile = resolve(option('--out', join(root, 'docs', 'performance.md')));
const asOf = '2025-04-07';
const runDate = '2025-05-20';
const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
let withPostgres = !args.includes('--no-postgres');
let postgresNote = withPostgres ? null : 'PostgreSQL not timed (--no-postgres).';
const cli = join(root, 'apps', 'api', 'bin', 'oscp.js');
const peakRssPreload = join(root, 'scripts', 'bench', 'peak-rss.cjs');

if (!args.includes('--no-build')) {
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '--silent'], {
    cwd: root,
    stdio: 'inherit',
  });
}
const require = createRequire(join(root, 'package.json'));
const etl = require(join(root, 'etl', 'dist', 'index.js'));
const pg = require('pg');

if (withPostgres) {
  try {
    await adminQuery('select 1');
  } catch (error) {
    withPostgres = false;
    postgresNote = `PostgreSQL not timed: no server answered at TEST_DATABASE_URL (${describeUrl(postgresUrl)}: ${error.message}).`;
    console.warn(postgresNote);
  }
}

const work = await mkdtemp(join(tmpdir(), 'oscp-bench-'));
const loads = [];
const results = [];
try {
  for (const scale of scales) {
    const inbox = await cachedInbox(scale);
    const e2eRuns = scale === 1 ? repeat : 1;
    console.log(`\nscale ${scale}: ${inbox}`);

    const embedded = [];
    let keptDataDir = null;
    for (let turn = 0; turn < e2eRuns; turn += 1) {
      const dataDir = join(work, `data-${scale}-embedded-${turn}`);
      const run = await measured(
        'oscp etl run (embedded database)',
        [cli, 'etl', 'run', '--inbox', inbox, '--data-dir', dataDir, '--run-date', runDate],
        { DATABASE_URL: '' },
      );
      embedded.push(run);
      if (turn === e2eRuns - 1) keptDataDir = dataDir;
      else await rm(dataDir, { recursive: true, force: true });
    }

    const postgres = [];
    if (withPostgres && !args.includes('--no-postgres-end-to-end')) {
      for (let turn = 0; turn < e2eRuns; turn += 1) {
        const database = `oscp_bench_${scale}_${turn}_${process.pid}`;
        await adminQuery(`create database ${database}`);
        const url = new URL(postgresUrl);
        url.pathname = `/${database}`;
        const dataDir = join(work, `data-${scale}-postgres-${turn}`);
        try {
          postgres.push(
            await measured(
              'oscp etl run (PostgreSQL)',
              [cli, 'etl', 'run', '--inbox', inbox, '--data-dir', dataDir, '--run-date', runDate],
              { DATABASE_URL: url.toString() },
            ),
          );
        } finally {
          await adminQuery(`drop database if exists ${database} with (force)`).catch(() => undefined);
          await rm(dataDir, { recursive: true, force: true });
        }
      }
    }

    const floor = await measured(
      'DuckDB typed read of the same files',
      [join(root, 'scripts', 'bench', 'duckdb-read.mjs'), inbox, join(root, 'etl', 'contracts')],
      {},
    );
    const floorInside = JSON.parse(floor.stdout.trim().split('\n').at(-1));

    const submissionsFile = join(work, `submissions-${scale}.json`);
    await writeFile(submissionsFile, JSON.stringify(await acceptedParquet(inbox, keptDataDir)));
    const marksFile = join(work, `marts-${scale}.json`);
    const marts = await measured(
      'marts: runner, direct DuckDB, PostgreSQL',
      [
        join(root, 'scripts', 'bench-scorecard.mjs'),
        '--no-build',
        '--scales',
        String(scale),
        '--submissions',
        submissionsFile,
        '--json',
        marksFile,
        ...(withPostgres ? [] : ['--no-postgres']),
      ],
      {},
      { echo: true },
    );
    const martFigures = JSON.parse(await readFile(marksFile, 'utf8'))[0];
    const stored = await storedMegabytes(keptDataDir);
    await rm(keptDataDir, { recursive: true, force: true });

    results.push({
      scale,
      sourceRows: floorInside.rows,
      csvMb: await inboxMegabytes(inbox),
      embedded: summarise(embedded),
      postgres: postgres.length > 0 ? summarise(postgres) : null,
      floor: { ms: floorInside.ms, processMs: floor.ms, peakRssMb: floor.peakRssMb },
      stored,
      marts: { ...martFigures, peakRssMb: marts.peakRssMb },
    });
    console.log(tableLines([results.at(-1)]).join('\n'));
    // Written after every scale, so a run stopped part-way still leaves what it measured.
    await writeReport(results, scale !== scales.at(-1));
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

await writeReport(results, false);
console.log(`\n${tableLines(results).join('\n')}\n\nwritten to ${outFile}`);
console.log(JSON.stringify(summaryJson(results)));

/** The demo inbox of a scale, generated once (in a child process) and kept in the cache folder. */
async function cachedInbox(scale) {
  const inbox = join(cacheDir, `inbox-scale-${scale}-seed-1-${asOf}`);
  const done = join(inbox, '.complete');
  if (existsSync(done)) return inbox;
  await rm(inbox, { recursive: true, force: true });
  console.log(`scale ${scale}: generating the demo inbox into ${inbox} (once) …`);
  const script = `require(${JSON.stringify(join(root, 'etl', 'dist', 'index.js'))}).generateDemoInbox(${JSON.stringify({ outDir: inbox, scale, seed: 1, asOf })}).catch((error) => { console.error(error); process.exit(1); });`;
  execFileSync(process.execPath, ['-e', script], { stdio: 'inherit' });
  await writeFile(done, new Date().toISOString());
  return inbox;
}

/**
 * Runs `node <argv>` as a fresh process (cwd: an empty folder, so no .env is read), and
 * measures its wall time from spawn to exit and its peak resident memory.
 */
async function measured(label, argv, env, { echo = false } = {}) {
  const rssFile = join(work, `rss-${process.hrtime.bigint()}`);
  const cwd = join(work, 'cwd');
  await mkdir(cwd, { recursive: true });
  const load = loadavg()[0];
  const started = process.hrtime.bigint();
  const { code, stdout, stderr, treePeakKb } = await new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--require', peakRssPreload, ...argv], {
      cwd,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env, BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (echo) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    const sampler = treeRssSampler(child.pid);
    child.on('error', (error) => {
      sampler.stop();
      reject(error);
    });
    child.on('exit', (exitCode) =>
      resolvePromise({ code: exitCode, stdout: out, stderr: err, treePeakKb: sampler.stop() }),
    );
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (code !== 0) {
    throw new Error(`${label} exited with ${code}:\n${stderr.slice(-2000)}\n${stdout.slice(-2000)}`);
  }
  // The process's own peak (exact) or, larger, the sampled peak of it and its children together.
  const ownPeakKb = Number(await readFile(rssFile, 'utf8'));
  const peakRssMb = Math.round(Math.max(ownPeakKb, treePeakKb) / 1024);
  loads.push(load, loadavg()[0]);
  console.log(`  ${label.padEnd(44)} ${seconds(ms).padStart(9)}  peak RSS ${peakRssMb} MB`);
  return { ms, peakRssMb, stdout };
}

/**
 * Linux: the peak of the summed resident memory of `pid` and all its descendants, sampled every
 * 50 ms from /proc (`stop()` answers it in kB). Elsewhere 0 (the preload's own peak counts).
 */
function treeRssSampler(pid) {
  let peakKb = 0;
  const descendants = (root) => {
    const all = [root];
    for (let i = 0; i < all.length; i += 1) {
      try {
        const children = readFileSync(`/proc/${all[i]}/task/${all[i]}/children`, 'utf8').trim();
        if (children) all.push(...children.split(/\s+/).map(Number));
      } catch {
        // Gone, or no /proc.
      }
    }
    return all;
  };
  const sample = () => {
    let kb = 0;
    for (const id of descendants(pid)) {
      try {
        kb += Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${id}/status`, 'utf8'))?.[1] ?? 0);
      } catch {
        // The process ended between the two reads.
      }
    }
    peakKb = Math.max(peakKb, kb);
  };
  const timer = process.platform === 'linux' && pid ? setInterval(sample, 50) : null;
  return {
    stop() {
      if (timer) clearInterval(timer);
      return peakKb;
    },
  };
}

/** host:port/database of a PostgreSQL URL, without user name or password. */
function describeUrl(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'an unreadable URL';
  }
}

/** The accepted files' Parquet in an `oscp etl run` data folder: submissions/<sha256>.parquet. */
async function acceptedParquet(inbox, dataDir) {
  const { files } = await etl.discoverInbox(inbox);
  const accepted = [];
  for (const [index, file] of files.entries()) {
    const parquetPath = join(dataDir, 'submissions', `${await sha256(file.path)}.parquet`);
    if (!existsSync(parquetPath)) continue;
    accepted.push({
      submissionId: `s${index}`,
      dataset: file.dataset,
      fileName: file.fileName,
      extractDate: file.extractDate,
      parquetPath,
    });
  }
  return accepted;
}

function sha256(path) {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}

async function inboxMegabytes(inbox) {
  const { files } = await etl.discoverInbox(inbox);
  const { stat } = await import('node:fs/promises');
  let bytes = 0;
  for (const file of files) bytes += (await stat(file.path)).size;
  return bytes / 1e6;
}

/** Megabytes of the validated rows (Parquet) and of the published snapshot file in a data folder. */
async function storedMegabytes(dataDir) {
  const { readdir, stat } = await import('node:fs/promises');
  const total = async (folder, suffix) => {
    let bytes = 0;
    for (const name of await readdir(join(dataDir, folder)).catch(() => [])) {
      if (name.endsWith(suffix)) bytes += (await stat(join(dataDir, folder, name))).size;
    }
    return Math.round(bytes / 1e6);
  };
  return {
    parquetMb: await total('submissions', '.parquet'),
    snapshotMb: await total('snapshots', '.duckdb'),
  };
}

async function adminQuery(sql) {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summarise(runs) {
  return {
    ms: median(runs.map((run) => run.ms)),
    runs: runs.map((run) => run.ms),
    peakRssMb: Math.max(...runs.map((run) => run.peakRssMb)),
  };
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** a / b as the table shows it, rounded away from its goal (`towardGoal`). */
function ratio(a, b, goal) {
  return a && b ? `${towardGoal(a / b, goal)}x` : 'n/a';
}

function tableLines(rows) {
  const header = [
    '| scale | CSV rows | CSV MB | end to end, embedded | end to end, PostgreSQL | DuckDB typed read (floor) | embedded / floor | marts: runner | marts: direct DuckDB | marts: PostgreSQL | runner / direct | PostgreSQL / runner |',
    '| ----: | ----------: | -----: | -------------------: | ---------------------: | ------------------------: | ---------------: | ------------: | -------------------: | ----------------: | --------------: | ------------------: |',
  ];
  return [
    ...header,
    ...rows.map((r) =>
      [
        '',
        r.scale,
        r.sourceRows.toLocaleString('en-GB'),
        r.csvMb.toFixed(0),
        `${seconds(r.embedded.ms)}, ${r.embedded.peakRssMb} MB`,
        r.postgres ? `${seconds(r.postgres.ms)}, ${r.postgres.peakRssMb} MB` : 'not run',
        `${seconds(r.floor.ms)}, ${r.floor.peakRssMb} MB`,
        ratio(r.embedded.ms, r.floor.ms, 'at most'),
        seconds(r.marts.runnerModelsMs),
        seconds(r.marts.directModelsMs),
        r.marts.postgresModelsMs ? seconds(r.marts.postgresModelsMs) : 'not run',
        ratio(r.marts.runnerModelsMs, r.marts.directModelsMs, 'at most'),
        ratio(r.marts.postgresModelsMs, r.marts.runnerModelsMs, 'at least'),
        '',
      ]
        .join(' | ')
        .trim(),
    ),
  ];
}

async function writeReport(rows, partial) {
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, renderReport(rows, partial));
}

function renderReport(rows, partial) {
  const largest = rows.at(-1);
  const cores = cpus().length;
  const lines = [
    '# Performance',
    '',
    'Written by `npm run bench` (scripts/bench.mjs); the latest full run replaces this file.',
    ...(partial ? ['', `**Partial: the run was still going (scales asked: ${scales.join(', ')}).**`] : []),
    '',
    `Machine: ${cores} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}; load average ` +
      `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} during the run (other work shared the machine when above ${cores}).`,
    `Run on ${new Date().toISOString().slice(0, 10)}; demo inbox seed 1 as of ${asOf}, run date ${runDate}.`,
    '',
    'End to end: the whole `oscp etl run` as a fresh process on a fresh data folder (process start, read, validate, load, models, data tests, scorecard, publish), ' +
      'wall time and peak resident memory (the process and its children together: validation and the build run in a child process); ' +
      `at scale 1 the median of ${repeat} runs (runs: ` +
      rows
        .filter((r) => r.embedded.runs.length > 1)
        .map((r) => r.embedded.runs.map((ms) => seconds(ms)).join(', '))
        .join('; ') +
      '). Floor: DuckDB alone reading the same CSV files into typed tables (time inside its process). ' +
      'Marts: the SQL models only, best of 3 on DuckDB, one run on PostgreSQL (scripts/bench-scorecard.mjs).',
    '',
    ...tableLines(rows),
    '',
    ...(postgresNote ? [postgresNote, ''] : []),
    'Stored in the data folder after the embedded run: ' +
      rows
        .map(
          (r) =>
            `scale ${r.scale}: ${r.stored.parquetMb} MB of validated rows (Parquet), snapshot file ${r.stored.snapshotMb} MB`,
        )
        .join('; ') +
      '.',
    '',
    '## Goals',
    '',
    ...goals(rows).map((goal) => `- ${goal}`),
    '',
    `Largest scale run: ${largest.scale}.`,
    '',
  ];
  return lines.join('\n');
}

function goals(rows) {
  const byScale = new Map(rows.map((r) => [r.scale, r]));
  const out = [];
  const s1 = byScale.get(1);
  if (s1)
    out.push(
      `Scale 1 end to end under 2 s (embedded database): ${s1.embedded.ms < 2000 ? '**met**' : '**not met**'} (${seconds(s1.embedded.ms)}).`,
    );
  const s100 = byScale.get(100);
  if (s100) {
    const r = s100.embedded.ms / s100.floor.ms;
    out.push(
      `Scale 100 end to end within 2x of DuckDB's typed read: ${r <= 2 ? '**met**' : '**not met**'} (${towardGoal(r, 'at most')}x: ${seconds(s100.embedded.ms)} against ${seconds(s100.floor.ms)}).`,
    );
    out.push(
      `Scale 100 peak RSS under 4 GB: ${s100.embedded.peakRssMb < 4096 ? '**met**' : '**not met**'} (${s100.embedded.peakRssMb} MB).`,
    );
    const m = s100.marts.runnerModelsMs / s100.marts.directModelsMs;
    out.push(
      `Marts within 1.5x of direct DuckDB at scale 100: ${m <= 1.5 ? '**met**' : '**not met**'} (${towardGoal(m, 'at most')}x).`,
    );
    if (s100.marts.postgresModelsMs) {
      const p = s100.marts.postgresModelsMs / s100.marts.runnerModelsMs;
      out.push(
        `PostgreSQL at least 10x slower on the marts at scale 100: ${p >= 10 ? '**met**' : '**not met**'} (${towardGoal(p, 'at least')}x).`,
      );
    }
  }
  return out;
}

/**
 * A ratio to two decimals, rounded away from its goal, so that the figure shown never seems to
 * meet a goal the ratio misses (9.996 for "at least 10" shows 9.99, not 10.00).
 */
function towardGoal(ratio, goal) {
  // The epsilon keeps a float just off a whole hundredth (0.29 * 100 = 28.999…) from moving it.
  const hundredths = goal === 'at least' ? Math.floor(ratio * 100 + 1e-9) : Math.ceil(ratio * 100 - 1e-9);
  return (hundredths / 100).toFixed(2);
}

function summaryJson(rows) {
  const byScale = new Map(rows.map((r) => [r.scale, r]));
  const s1 = byScale.get(1);
  const s100 = byScale.get(100);
  const round = (value, digits = 2) =>
    value === null || value === undefined ? null : Number(value.toFixed(digits));
  return {
    cores: cpus().length,
    scales: rows.map((r) => r.scale),
    scale1EndToEndS: s1 ? round(s1.embedded.ms / 1000) : null,
    scale1EndToEndPostgresS: s1?.postgres ? round(s1.postgres.ms / 1000) : null,
    scale100EndToEndS: s100 ? round(s100.embedded.ms / 1000) : null,
    scale100EndToEndPostgresS: s100?.postgres ? round(s100.postgres.ms / 1000) : null,
    scale100ReadFloorS: s100 ? round(s100.floor.ms / 1000) : null,
    peakRssMb: s100 ? s100.embedded.peakRssMb : Math.max(...rows.map((r) => r.embedded.peakRssMb)),
    // The ratios rounded away from their goals, as the goal lines show them.
    ratioVsDirectDuckdb: s100
      ? Number(towardGoal(s100.marts.runnerModelsMs / s100.marts.directModelsMs, 'at most'))
      : null,
    ratioPostgresVsOurs: s100?.marts.postgresModelsMs
      ? Number(towardGoal(s100.marts.postgresModelsMs / s100.marts.runnerModelsMs, 'at least'))
      : null,
    ratioEndToEndVsReadFloor: s100 ? Number(towardGoal(s100.embedded.ms / s100.floor.ms, 'at most')) : null,
  };
}
