#!/usr/bin/env node
// ETL benchmark: read + validate + load (Parquet) of demo inboxes at scale 1 and 10, beside the
// same CSV files loaded by DuckDB's own read_csv with explicit columns, in the same run.
//
//   npm run bench:etl [-- --scales 1,10] [-- --no-build] [-- --keep]
//
// Imports the BUILT etl (etl/dist): it runs `tsc -b etl` first unless --no-build is given.
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 && args[index + 1] ? args[index + 1] : fallback;
};
const scales = option('--scales', '1,10').split(',').map(Number);
const asOf = option('--as-of', '2025-04-07');

if (!args.includes('--no-build')) {
  execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['tsc', '-b', 'etl'], {
    cwd: root,
    stdio: 'inherit',
  });
}
const require = createRequire(join(root, 'package.json'));
const etl = require(join(root, 'etl', 'dist', 'index.js'));
const { withWarehouse, sqlString } = require(join(root, 'libs', 'warehouse', 'dist', 'index.js'));

const work = await mkdtemp(join(tmpdir(), 'oscp-bench-etl-'));
const results = [];
try {
  for (const scale of scales) {
    const inbox = join(work, `inbox-${scale}`);
    const generated = await makeInbox(inbox, scale);
    const { files } = await etl.discoverInbox(inbox);
    const bytes = (await Promise.all(files.map((file) => stat(file.path)))).reduce(
      (sum, s) => sum + s.size,
      0,
    );

    const memory = sampleMemory();
    const ours = await timed(async () => {
      let rows = 0;
      let quarantined = 0;
      let rejected = 0;
      for (const file of files) {
        const result = await etl.validateSubmission({
          ...file,
          outputPath: join(work, `out-${scale}`, `${file.fileName}.parquet`),
          rejectThresholdPct: 10,
        });
        rows += result.rowsRead;
        quarantined += result.rowsQuarantined;
        if (result.status === 'rejected') rejected += 1;
      }
      return { rows, quarantined, rejected };
    });
    ours.peakRssMb = memory.stop();

    const duck = await timed(() =>
      withWarehouse({ path: ':memory:' }, async (warehouse) => {
        let rows = 0;
        for (const [index, file] of files.entries()) {
          if (file.format !== 'csv') continue;
          const header = await firstLine(file.path);
          const columns = header
            .replace(/^\uFEFF/, '')
            .split(',')
            .map((name) => `${sqlString(name)}: 'VARCHAR'`)
            .join(', ');
          await warehouse.run(
            `create table t${index} as select * from read_csv(${sqlString(file.path)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${columns}})`,
          );
          const counted = await warehouse.one(`select count(*)::integer as n from t${index}`);
          rows += counted?.n ?? 0;
        }
        return { rows };
      }),
    );

    results.push({ scale, generated, files: files.length, megabytes: bytes / 1e6, ours, duck });
    print(results.at(-1));
  }
} finally {
  if (!args.includes('--keep')) await rm(work, { recursive: true, force: true });
}

function print({ scale, generated, files, megabytes, ours, duck }) {
  const rate = (rows, ms) => Math.round(rows / (ms / 1000)).toLocaleString('en-GB');
  console.log(`\nscale ${scale} (${generated}): ${files} files, ${megabytes.toFixed(1)} MB`);
  console.log(
    `  validate + load to Parquet: ${ours.value.rows.toLocaleString('en-GB')} rows in ${(ours.ms / 1000).toFixed(2)} s = ${rate(ours.value.rows, ours.ms)} rows/s` +
      ` (${ours.value.quarantined} quarantined, ${ours.value.rejected} files rejected; peak RSS ${ours.peakRssMb} MB)`,
  );
  console.log(
    `  DuckDB read_csv (explicit VARCHAR columns): ${duck.value.rows.toLocaleString('en-GB')} rows in ${(duck.ms / 1000).toFixed(2)} s = ${rate(duck.value.rows, duck.ms)} rows/s`,
  );
  console.log(
    `  ratio (ours / DuckDB read_csv): ${(ours.ms / duck.ms).toFixed(1)}x wall time, ${(ours.cpuMs / duck.cpuMs).toFixed(1)}x CPU time` +
      ` (CPU ${(ours.cpuMs / 1000).toFixed(2)} s vs ${(duck.cpuMs / 1000).toFixed(2)} s; load average ${loadavg()[0].toFixed(1)})`,
  );
}

/** Peak resident memory of this process (Node and DuckDB) while it runs, sampled every 50 ms. */
function sampleMemory() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(Math.max(peak, process.memoryUsage().rss) / 1e6);
    },
  };
}

/** Wall time, and CPU time of this process (all threads, DuckDB's included): less moved by other load. */
async function timed(work) {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return {
    value,
    ms: Number(process.hrtime.bigint() - started) / 1e6,
    cpuMs: (used.user + used.system) / 1000,
  };
}

async function firstLine(path) {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

/**
 * The demo generator's inbox when it is built (run in a child process, so its memory does not
 * weigh on the timings); otherwise a synthetic contacts file of a similar size.
 */
async function makeInbox(inbox, scale) {
  if (typeof etl.generateDemoInbox === 'function') {
    const script = `require(${JSON.stringify(join(root, 'etl', 'dist', 'index.js'))}).generateDemoInbox(${JSON.stringify({ outDir: inbox, scale, seed: 1, asOf })}).catch((error) => { console.error(error); process.exit(1); });`;
    execFileSync(process.execPath, ['-e', script], { stdio: 'inherit' });
    return 'demo generator';
  }
  const rows = Math.round(90_000 * scale);
  const dir = join(inbox, 'contacts');
  await mkdir(dir, { recursive: true });
  const lines = ['contact_id,child_id,contact_datetime,source,decision_datetime,outcome'];
  const sources = ['1A', '2A', '3A', '5C', '6', '8'];
  const outcomes = ['NFA', 'ADVICE', 'EARLY_HELP', 'REFERRAL'];
  for (let i = 0; i < rows; i += 1) {
    const day = new Date(Date.UTC(2022, 3, 1) + (i % 1095) * 86_400_000).toISOString().slice(0, 10);
    lines.push(
      `CT${i},CH${i % 40_000},${day}T09:${String(i % 60).padStart(2, '0')},${sources[i % 6]},${day}T15:00:00+01:00,${outcomes[i % 4]}`,
    );
  }
  await writeFile(join(dir, 'contacts_20250407.csv'), `${lines.join('\n')}\n`);
  return 'synthetic contacts';
}
