#!/usr/bin/env node
// Scorecard benchmark: the SQL models (quarantine, staging, intermediate, marts) for all quarters
// of a demo inbox, timed three ways on the same rows:
//   1. through buildSnapshot's model runner (etl loadSubmissions, then buildModels: calendar, every
//      model, the source tables dropped once staged, as buildSnapshot does);
//   2. the same model SQL run directly on DuckDB (@duckdb/node-api, no wrapper, inputs copied in);
//   3. the same model SQL on PostgreSQL (TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test),
//      inputs loaded with COPY into a schema of its own, dropped afterwards.
//
//   npm run bench:scorecard [-- --scales 1,100] [-- --repeat 3] [-- --memory-share 0.4]
//                           [-- --no-build] [-- --no-postgres] [-- --keep] [-- --timings]
//                           [-- --submissions <file.json>] [-- --json <file.json>]
//
// --submissions takes the accepted files' Parquet (a JSON list of { submissionId, dataset, fileName,
// extractDate, parquetPath }, e.g. from an `oscp etl run` data folder) instead of generating and
// validating an inbox (then give one scale); --json writes the figures of each scale to a file
// (`npm run bench` uses both).
//
// Imports the BUILT etl (etl/dist): it runs `tsc -b etl` first unless --no-build is given.
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 && args[index + 1] ? args[index + 1] : fallback;
};
const scales = option('--scales', '1,100').split(',').map(Number);
const asOf = option('--as-of', '2025-04-07');
const runDate = option('--run-date', '2025-05-20');
const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const withPostgres = !args.includes('--no-postgres');
// The machine may be busy: each engine runs the models this many times and the fastest run counts.
const repeat = Number(option('--repeat', '3'));

if (!args.includes('--no-build')) {
  execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['tsc', '-b', 'etl'], {
    cwd: root,
    stdio: 'inherit',
  });
}
const require = createRequire(join(root, 'package.json'));
const etl = require(join(root, 'etl', 'dist', 'index.js'));
const { Warehouse, sqlString } = require(join(root, 'libs', 'warehouse', 'dist', 'index.js'));
const { DuckDBInstance } = require('@duckdb/node-api');
const pg = require('pg');

/** Tables the models read that the runner creates outside the models: the sources, loaded first, */
const SOURCE_TABLES = () => etl.DATASETS.map((dataset) => `src_${dataset}`);
/** and the ones buildModels makes before the models that read them. */
const BUILT_INPUT_TABLES = ['calendar', 'period', 'ref_dfe_population', 'ref_dfe_comparators'];
const INPUT_TABLES = () => [...SOURCE_TABLES(), ...BUILT_INPUT_TABLES];

const POSTGRES_TYPES = {
  varchar: 'text',
  'varchar[]': 'text[]',
  double: 'double precision',
  DOUBLE: 'double precision',
};

const givenSubmissions = option('--submissions', undefined);
const jsonOut = option('--json', undefined);
const figures = [];

const work = await mkdtemp(join(tmpdir(), 'oscp-bench-scorecard-'));
// PostgreSQL's server-side COPY reads the exported CSV files as its own OS user.
await chmod(work, 0o755);
try {
  for (const scale of scales) {
    const submissions = givenSubmissions ? JSON.parse(await readFile(givenSubmissions, 'utf8')) : [];
    if (givenSubmissions) {
      console.log(`\nscale ${scale}: ${submissions.length} accepted files given`);
    } else {
      console.log(`\nscale ${scale}: generating and validating the demo inbox …`);
      const inbox = join(work, `inbox-${scale}`);
      await etl.generateDemoInbox({ outDir: inbox, scale, seed: 1, asOf });
      const { files } = await etl.discoverInbox(inbox);
      const validation = await timed(async () => {
        for (const [index, file] of files.entries()) {
          const result = await etl.validateSubmission({
            ...file,
            outputPath: join(work, `parquet-${scale}`, `${index}.parquet`),
            rejectThresholdPct: 10,
          });
          if (result.status === 'accepted' && result.outputPath) {
            submissions.push({
              submissionId: `s${index}`,
              dataset: file.dataset,
              fileName: file.fileName,
              extractDate: file.extractDate,
              parquetPath: result.outputPath,
            });
          }
        }
      });
      console.log(
        `  validated ${files.length} files in ${seconds(validation.ms)} (not part of the comparison)`,
      );
    }

    // 1. The model runner as buildSnapshot uses it (an in-memory build; loading timed apart),
    // and 2. the same SQL straight on an in-memory DuckDB holding a copy of the same inputs.
    // Each turn builds both afresh, one after the other, so that a busy machine slows both
    // alike; the fastest turn of each counts.
    const models = etl.discoverModels(etl.modelsDir());
    const inputsPath = join(work, `inputs-${scale}.duckdb`);
    let runner;
    let sourceRows = 0;
    let runnerModelsMs = Infinity;
    let runnerTimings = [];
    let directModelsMs = Infinity;
    let copyMs = 0;
    for (let turn = 0; turn < repeat; turn += 1) {
      // As buildSnapshot: in memory within a limit, spilling to a temporary folder past it.
      const warehouse = await Warehouse.open({ path: ':memory:', memoryLimit: memoryLimit() });
      await warehouse.run(`set temp_directory = ${sqlString(join(work, 'spill-runner'))}`);
      try {
        // As buildSnapshot builds: the source tables are dropped once staging has read them
        // (releaseSourceTables), so on the first turn they are copied out for the other paths
        // before the models run; the calendar, periods and reference tables after them.
        const built = await timed(async () => {
          await etl.createSourceTables(warehouse);
          await etl.loadSubmissions(warehouse, submissions);
          if (turn === 0) {
            for (const dataset of etl.DATASETS) {
              sourceRows += (await warehouse.one(`select count(*)::integer as n from src_${dataset}`)).n;
            }
            const copying = performance.now();
            await copyInputs(warehouse, inputsPath, SOURCE_TABLES());
            copyMs = performance.now() - copying;
          }
          return etl.buildModels(warehouse, { runDate, laCode: 353, releaseSourceTables: true });
        });
        // The first build's time is loading and models: the copying for the other paths is left out.
        runner ??= { ...built, ms: built.ms - copyMs };
        const ms = built.value.timings.reduce((sum, t) => sum + t.milliseconds, 0);
        if (ms < runnerModelsMs) {
          runnerModelsMs = ms;
          runnerTimings = built.value.timings;
        }
        // The other inputs (and the measures, to check PostgreSQL against) for the other paths.
        if (turn === 0)
          await copyInputs(warehouse, inputsPath, [...BUILT_INPUT_TABLES, 'mart_indicator_measures']);
      } finally {
        warehouse.close();
      }
      const direct = await openDirectDuckDb(inputsPath);
      try {
        directModelsMs = Math.min(directModelsMs, await direct.runModels(models));
      } finally {
        direct.close();
      }
    }
    const runnerPath = inputsPath;

    // 3. The same SQL on PostgreSQL.
    let postgres = null;
    if (withPostgres) {
      try {
        postgres = await runPostgres(runnerPath, models, scale);
      } catch (error) {
        console.log(`  PostgreSQL skipped: ${error instanceof Error ? error.message : String(error)}`);
      }
    }

    console.log(
      `  ${sourceRows.toLocaleString('en-GB')} source rows, ${runner.value.periods.length} periods, ${models.length} models`,
    );
    const rows = [
      ['model runner, first build (load + models)', runner.ms],
      [`model runner, models only (best of ${repeat})`, runnerModelsMs],
      [`direct DuckDB, models only (best of ${repeat})`, directModelsMs],
      ...(postgres ? [['PostgreSQL, models only (one run)', postgres.modelsMs]] : []),
    ];
    for (const [label, ms] of rows) console.log(`  ${label.padEnd(42)} ${seconds(ms).padStart(9)}`);
    console.log(
      `  runner models / direct DuckDB:           ${(runnerModelsMs / directModelsMs).toFixed(2)}x (goal <= 1.5x)`,
    );
    if (postgres) {
      console.log(
        `  PostgreSQL / runner models:              ${(postgres.modelsMs / runnerModelsMs).toFixed(1)}x (goal >= 10x at scale 100)` +
          ` (PostgreSQL load with COPY: ${seconds(postgres.loadMs)})`,
      );
      const slowest = postgres.timings.sort((a, b) => b.ms - a.ms).slice(0, 3);
      console.log(`  slowest on PostgreSQL: ${slowest.map((t) => `${t.model} ${seconds(t.ms)}`).join(', ')}`);
    }
    const slowestDuck = [...runnerTimings].sort((a, b) => b.milliseconds - a.milliseconds).slice(0, 3);
    console.log(
      `  slowest on DuckDB: ${slowestDuck.map((t) => `${t.model} ${seconds(t.milliseconds)}`).join(', ')}`,
    );
    figures.push({
      scale,
      sourceRows,
      runnerFirstBuildMs: runner.ms,
      runnerModelsMs,
      directModelsMs,
      postgresModelsMs: postgres?.modelsMs ?? null,
      postgresLoadMs: postgres?.loadMs ?? null,
      slowestDuckDb: slowestDuck.map((t) => ({ model: t.model, ms: t.milliseconds })),
      slowestPostgres: postgres ? postgres.timings.slice(0, 3) : [],
    });
    if (args.includes('--timings')) {
      for (const t of runnerTimings)
        console.log(`    ${t.model.padEnd(48)} ${seconds(t.milliseconds).padStart(9)}`);
    }
  }
  if (jsonOut) await writeFile(jsonOut, `${JSON.stringify(figures)}\n`);
} finally {
  if (!args.includes('--keep')) await rm(work, { recursive: true, force: true });
}

/** A plain in-memory @duckdb/node-api connection: no runner, no wrapper, the model SQL as on disk. */
async function openDirectDuckDb(inputsPath) {
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    memory_limit: memoryLimit(),
    temp_directory: join(work, 'spill-direct'),
  });
  const connection = await instance.connect();
  await connection.run(`attach ${sqlString(inputsPath)} as inputs (read_only)`);
  for (const table of INPUT_TABLES())
    await connection.run(`create table ${table} as select * from inputs.${table}`);
  await connection.run('detach inputs');
  // The engine settings the runner uses too: the comparison is of the runner, not of settings.
  for (const statement of etl.DUCKDB_BUILD_SETTINGS) await connection.run(statement);
  for (const statement of etl.DUCKDB_MODEL_FUNCTIONS) await connection.run(statement);
  return {
    async runModels(models) {
      const started = process.hrtime.bigint();
      for (const model of models) {
        await connection.run(etl.modelStatement(model));
      }
      return Number(process.hrtime.bigint() - started) / 1e6;
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

async function runPostgres(runnerPath, models, scale) {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  const schema = `bench_scorecard_${scale}_${process.pid}`;
  const exportDir = join(work, `pg-${scale}`);
  try {
    await client.query(`create schema ${schema}`);
    await client.query(`set search_path to ${schema}`);
    // PostgreSQL's 4 MB default would make every large join and aggregate spill to disk; a
    // server given a batch build like this one would have more (DuckDB may use 40% of RAM).
    await client.query(`set work_mem = '512MB'`);
    await client.query(`set maintenance_work_mem = '1GB'`);
    for (const statement of etl.POSTGRES_MODEL_FUNCTIONS) await client.query(statement);

    const duck = await DuckDBInstance.create(runnerPath, { access_mode: 'READ_ONLY' });
    const connection = await duck.connect();
    const load = await timed(async () => {
      await rm(exportDir, { recursive: true, force: true });
      await mkdir(exportDir, { recursive: true });
      await chmod(exportDir, 0o755);
      for (const table of INPUT_TABLES()) {
        const described = (await connection.runAndReadAll(`describe ${table}`)).getRowObjectsJson();
        const columns = described.map((row) => ({
          name: String(row.column_name),
          type: String(row.column_type),
        }));
        const definition = columns
          .map(
            ({ name, type }) =>
              `"${name}" ${POSTGRES_TYPES[type.toLowerCase()] ?? POSTGRES_TYPES[type] ?? type.toLowerCase()}`,
          )
          .join(', ');
        await client.query(`create table ${table} (${definition})`);
        // Lists as PostgreSQL array literals; everything else as DuckDB writes CSV.
        const selects = columns
          .map(({ name, type }) =>
            type.endsWith('[]')
              ? `case when "${name}" is null then null else '{' || array_to_string("${name}", ',') || '}' end as "${name}"`
              : `"${name}"`,
          )
          .join(', ');
        const file = join(exportDir, `${table}.csv`);
        await connection.run(
          `copy (select ${selects} from ${table}) to ${sqlString(file)} (header, delimiter ',')`,
        );
        await client.query(`copy ${table} from ${sqlString(file)} with (format csv, header true)`);
      }
      await client.query('analyze');
    });
    connection.closeSync();
    duck.closeSync();

    const timings = [];
    const started = process.hrtime.bigint();
    for (const model of models) {
      const t = process.hrtime.bigint();
      // The same SQL as DuckDB runs, materialised the same way; unlogged, as a rebuildable
      // working table would be (DuckDB's in-memory build keeps no log either).
      if (model.materialized === 'view') {
        await client.query(`create view ${model.name} as\n${model.sql}`);
      } else {
        await client.query(`create unlogged table ${model.name} as\n${model.sql}`);
        await client.query(`analyze ${model.name}`);
      }
      timings.push({ model: model.name, ms: Number(process.hrtime.bigint() - t) / 1e6 });
    }
    const modelsMs = Number(process.hrtime.bigint() - started) / 1e6;
    await checkSameMeasures(client, runnerPath);
    return { loadMs: load.ms, modelsMs, timings };
  } finally {
    await client.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    await client.end();
  }
}

/** The two engines must agree on every measure, or the timing compares different work. */
async function checkSameMeasures(client, runnerPath) {
  const fromPostgres = (
    await client.query(
      `select period, code, status, numerator, denominator from mart_indicator_measures order by period, code`,
    )
  ).rows;
  const duck = await DuckDBInstance.create(runnerPath, { access_mode: 'READ_ONLY' });
  const connection = await duck.connect();
  const fromDuck = (
    await connection.runAndReadAll(
      `select period, code, status, numerator, denominator from mart_indicator_measures order by period, code`,
    )
  ).getRowObjectsJson();
  connection.closeSync();
  duck.closeSync();
  const key = (row) =>
    `${row.period}|${row.code}|${row.status}|${row.numerator ?? ''}|${row.denominator ?? ''}`;
  const a = fromPostgres.map(key);
  const b = fromDuck.map(key);
  const differing = a.filter((entry, i) => entry !== b[i]);
  if (a.length !== b.length || differing.length > 0) {
    console.log(
      `  WARNING: PostgreSQL and DuckDB measures differ (${differing.length} of ${a.length}), e.g. ${differing[0]}`,
    );
  } else {
    console.log(`  PostgreSQL and DuckDB agree on all ${a.length} measures`);
  }
}

/**
 * The build's memory limit: by default buildSnapshot's own (40% of the machine), so that the
 * bench spills when the product would and not sooner; `--memory-share 0.3` gives another share.
 */
function memoryLimit() {
  const share = option('--memory-share', undefined);
  return share === undefined ? etl.buildMemoryLimit() : etl.buildMemoryLimit(Number(share));
}

/** Copies tables of the runner's warehouse into the inputs file the direct and PostgreSQL paths read. */
async function copyInputs(warehouse, inputsPath, tables) {
  await warehouse.run(`attach ${sqlString(inputsPath)} as inputs`);
  try {
    for (const table of tables) await warehouse.run(`create table inputs.${table} as select * from ${table}`);
  } finally {
    await warehouse.run('detach inputs');
  }
}

async function timed(work) {
  const started = process.hrtime.bigint();
  const value = await work();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(2)} s`;
}
