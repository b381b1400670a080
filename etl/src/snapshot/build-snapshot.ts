import { existsSync, renameSync, rmSync } from 'node:fs';
import {
  calendarRows,
  DEFAULT_CALENDAR_RANGE,
  financialYearOf,
  latestEndedQuarter,
  quarterOf,
  quartersBetween,
  quarterEnd,
  quarterStart,
} from '@oscp/calendar';
import { buildScorecards, catalogueVersion, COMPARATOR_GROUPS, type ComparatorValue } from '@oscp/scorecard';
import {
  createSnapshotTableSql,
  machineMemoryLimit,
  isSnapshotTable,
  snapshotMetaRows,
  snapshotTableColumns,
  sqlIdentifier,
  sqlString,
  Warehouse,
  WarehouseError,
} from '@oscp/warehouse';
import { CENSUS_RECORD_KEY, isCensusDataset, type CensusDataset } from '../cin-census/census-columns';
import { chooseCensusOrExtracts, readQuarterSources, type QuarterSource } from '../cin-census/source-choice';
import { loadDfeComparators, loadDfePopulation, loadDfeRegion } from '../reference/dfe';
import type {
  AcceptedSubmission,
  BuildSnapshotInput,
  BuildSnapshotResult,
  DataTestFailure,
  Dataset,
  Finding,
} from '../types';
import { DATASETS, RECORD_LEVEL_DATASETS } from '../types';
import { readCrossFileFindings } from './cross-file-findings';
import { runDataTests } from './data-tests';
import { readMeasures } from './measures';
import {
  discoverModels,
  modelStatement,
  DUCKDB_BUILD_SETTINGS,
  DUCKDB_MODEL_FUNCTIONS,
  firstLine,
  runModels,
  type ModelLayer,
  type SqlModel,
} from './model-runner';
import { modelsDir, dataTestsDir } from './paths';
import { periodRows, quarterIndex } from './periods';
import { SCORECARD_RECORD_VIEW_SQL } from './scorecard-record-view';
import { LINEAGE_COLUMNS, SOURCE_COLUMNS } from './source-tables';

/** Days of calendar kept either side of the data, so look-backs and look-aheads find their days. */
const CALENDAR_MARGIN_DAYS = 400;

export interface WarehouseBuildOptions {
  submissions: readonly AcceptedSubmission[];
  runDate: string;
  laCode: number;
  /** Where the SQL models are (default: the shipped `etl/models`). */
  modelsDir?: string;
  /**
   * Drop the `src_<dataset>` tables once the staging models and the calendar have read them, so
   * the rest of the build has their memory (at regional scale they are the largest tables, and a
   * build past its memory limit spills to disk). Callers that read them afterwards leave it off.
   */
  releaseSourceTables?: boolean;
  /** Hears of each model's table once it is made (`runModels`). */
  tableBuilt?: (name: string) => void;
}

export interface WarehouseBuildOutcome {
  periods: string[];
  defaultPeriod: string | null;
  /** The first quarter the record-level extracts cover completely (see `coveredFromOf`). */
  coveredFrom: string | null;
  extraHolidays: string[];
  findings: Finding[];
  /** Milliseconds per model, in run order. */
  timings: { model: string; milliseconds: number }[];
  /** Where a census took part: which kind of file fed each dataset's quarter. */
  sourcesByQuarter: QuarterSource[];
}

/**
 * Builds a new snapshot file at `<outPath>.building` and, when every data test passes, renames
 * it to `outPath`. A failing data test removes the file and is returned in `dataTestFailures`
 * (the caller records the run as failed); any other failure removes the file and throws an
 * Error with a plain-English message naming the step (model or test) that failed.
 *
 * The models run in an in-memory database (spilling to `<outPath>.building.tmp` if it must):
 * on a file, every model's table was written out as it was made, which took 4 times as long as
 * the SQL itself. Only what the snapshot serves and what explains it is copied to the file,
 * once, by a second connection as soon as each table is final (`snapshotTables`): quarantine,
 * calendar, periods, reference data, the intermediate tables, marts, the scorecard tables and the
 * staging tables the API reads. The source tables are the accepted Parquet files (kept by the
 * caller), from which the other staging tables are rebuilt.
 */
export async function buildSnapshot(input: BuildSnapshotInput): Promise<BuildSnapshotResult> {
  const buildingPath = `${input.outPath}.building`;
  const spillPath = `${buildingPath}.tmp`;
  if (existsSync(input.outPath)) {
    throw new Error(
      `The snapshot ${input.snapshotId} could not be built: a snapshot file already exists at its path.`,
    );
  }
  removeDatabaseFiles(buildingPath);
  let warehouse: Warehouse | undefined;
  let writer: Warehouse | undefined;
  let writing: Promise<{ error: unknown } | null> = Promise.resolve(null);
  try {
    // Spills beside the snapshot being built, in the data folder.
    warehouse = await Warehouse.open({
      path: ':memory:',
      memoryLimit: buildMemoryLimit(),
      tempDirectory: spillPath,
    });
    // A second connection writes each table the snapshot keeps to the file as soon as it is
    // final, while the models, the data tests and the scorecard go on (writing a table is
    // mostly compression on one core; the models had the other core idle half the time).
    // A failed test removes the file.
    const fileWriter = await warehouse.connect();
    writer = fileWriter;
    // Attached once and left so: detaching it writes the file out.
    await fileWriter.run(`attach ${sqlString(buildingPath)} as snapshot_file`);
    const queued = new Set<string>();
    let batchesWaiting = 0;
    const persistSoon = (tables: readonly string[]): void => {
      const fresh = tables.filter((name) => isSnapshotTable(name) && !queued.has(name));
      for (const name of fresh) queued.add(name);
      if (fresh.length === 0) return;
      batchesWaiting += 1;
      writing = writing.then(async (failure) => {
        batchesWaiting -= 1;
        if (failure) return failure;
        return settled(
          persistTables(fileWriter, fresh).then(async () => {
            // A table is compressed and written when the file is checkpointed, which DuckDB does
            // on its own only past 16 MB of changes: at scale 1 all of it waited for the detach
            // (about 0.18 s). Checkpointed whenever the queue is empty, it is done beside the models.
            if (batchesWaiting === 0) await checkpointUnlessBusy(fileWriter, 'snapshot_file');
          }),
        );
      });
    };
    const outcome = await buildWarehouse(warehouse, {
      ...input,
      releaseSourceTables: true,
      tableBuilt: (name) => persistSoon([name]),
    });
    const quarantinedByDataset = countByDataset(outcome.findings);
    // The tables made outside the models (calendar, periods, reference data).
    persistSoon(await snapshotTables(warehouse));

    const dataTestFailures = await runDataTests(warehouse, dataTestsDir());
    if (dataTestFailures.length > 0) {
      await writing;
      return result(input, outcome, quarantinedByDataset, dataTestFailures);
    }

    await writeScorecards(warehouse, input, outcome);
    await writeSnapshotMeta(warehouse, input, outcome, quarantinedByDataset);
    const tablesWritten = writing;
    await step('Writing the snapshot file', async () => {
      const failure = await tablesWritten;
      if (failure) throw failure.error;
      // The tables made after the models: scorecard, meta and data quality.
      const rest = (await snapshotTables(fileWriter)).filter((name) => !queued.has(name));
      await persistTables(fileWriter, rest);
      await fileWriter.run('detach snapshot_file');
    });
    writer.close();
    writer = undefined;
    warehouse.close();
    warehouse = undefined;
    await step('Writing the snapshot file', () => addSnapshotViews(buildingPath));
    renameSync(buildingPath, input.outPath);
    return result(input, outcome, quarantinedByDataset, []);
  } catch (error) {
    throw new Error(`The snapshot ${input.snapshotId} could not be built. ${firstLine(error)}`);
  } finally {
    // A connection is never closed while it is still writing.
    await writing;
    writer?.close();
    warehouse?.close();
    removeDatabaseFiles(buildingPath);
    rmSync(spillPath, { recursive: true, force: true });
  }
}

/**
 * Checkpoints `database` now unless a write transaction of another connection has it open (the
 * models' connection looking at every database's catalogue, say): DuckDB then refuses, and this
 * early start on the detach's work waits for the next checkpoint or the detach, which always runs.
 */
export async function checkpointUnlessBusy(writer: Warehouse, database: string): Promise<void> {
  try {
    await writer.run(`checkpoint ${sqlIdentifier(database)}`);
  } catch (error) {
    if (
      error instanceof WarehouseError &&
      /Cannot CHECKPOINT: there are other write transactions/.test(error.message)
    )
      return;
    throw error;
  }
}

/** Waits for work without rejecting: the error, if any, for the caller to throw when it is ready. */
async function settled(work: Promise<void>): Promise<{ error: unknown } | null> {
  try {
    await work;
    return null;
  } catch (error) {
    return { error };
  }
}

/**
 * Most a build's DuckDB keeps in memory, whatever the machine: with the API process beside it, a
 * national-scale build then stays under 4 GB resident in all (at scale 100 it spills to disk
 * instead; 40% of a 24 GB machine had it at 8 GB).
 */
export const BUILD_MEMORY_CAP_MB = 2_560;

/**
 * The build's share of the machine's memory (DuckDB's own default is 80%), at most
 * `BUILD_MEMORY_CAP_MB`: the API and PostgreSQL share the machine, and past the limit DuckDB
 * spills to the temporary folder.
 */
export function buildMemoryLimit(share = 0.4): string {
  return machineMemoryLimit(share, BUILD_MEMORY_CAP_MB);
}

/**
 * Tables of the build kept in the snapshot file (`isSnapshotTable`): everything but `src_*` and
 * the staging tables the API does not read (`SNAPSHOT_STAGING_TABLES` are kept). The
 * intermediate tables are kept because the drill-through views (`mart_indicator_records`,
 * `scorecard_record`) read them; the record-level staging tables they were made from are not,
 * as nothing reads them after the build and they were about half of the file's rows.
 */
async function snapshotTables(warehouse: Warehouse): Promise<string[]> {
  return (
    await warehouse.all<{ name: string }>(
      `select table_name as name from duckdb_tables() where database_name = current_database() order by 1`,
    )
  )
    .map((row) => row.name)
    .filter(isSnapshotTable);
}

/** Copies `tables` into the snapshot file, attached to `writer` as `snapshot_file`. */
async function persistTables(writer: Warehouse, tables: readonly string[]): Promise<void> {
  for (const name of tables) {
    await writer.run(
      `create table snapshot_file.main.${sqlIdentifier(name)} as select * from ${sqlIdentifier(name)}`,
    );
  }
}

/** Views are made on the file itself, so that they name its own tables wherever it is attached. */
async function addSnapshotViews(buildingPath: string): Promise<void> {
  const views = discoverModels(modelsDir()).filter((model) => model.materialized === 'view');
  const file = await Warehouse.open({ path: buildingPath });
  try {
    // The view models, in build order (a view may read an earlier one).
    for (const model of views) await file.run(modelStatement(model));
    // A view, not a copy: the drill-through rows can run to tens of millions at regional scale.
    // The build made the same view in memory, but views are not copied to the file.
    await file.run(SCORECARD_RECORD_VIEW_SQL);
    await file.run('checkpoint');
  } finally {
    file.close();
  }
}

/**
 * Loads the submissions and reference data and runs every model layer: what `buildSnapshot`
 * does before its data tests, usable on its own (benchmarks, tests) on any open warehouse.
 */
export async function buildWarehouse(
  warehouse: Warehouse,
  options: WarehouseBuildOptions,
): Promise<WarehouseBuildOutcome> {
  await step('Loading the accepted files', async () => {
    await createSourceTables(warehouse);
    await loadSubmissions(warehouse, options.submissions);
  });
  return buildModels(warehouse, options);
}

export type ModelBuildOptions = Omit<WarehouseBuildOptions, 'submissions'>;

/**
 * Everything after loading: reference data, the model layers, calendar and periods. The
 * `src_<dataset>` tables must exist (`createSourceTables`) and hold the accepted rows.
 */
export async function buildModels(
  warehouse: Warehouse,
  options: ModelBuildOptions,
): Promise<WarehouseBuildOutcome> {
  const models = discoverModels(options.modelsDir ?? modelsDir());
  const layer = (name: ModelLayer): SqlModel[] => models.filter((model) => model.layer === name);
  const timings: { model: string; milliseconds: number }[] = [];

  for (const statement of DUCKDB_BUILD_SETTINGS) await warehouse.run(statement);
  for (const statement of DUCKDB_MODEL_FUNCTIONS) await warehouse.run(statement);
  await step('Loading the shipped DfE reference data', () => loadReference(warehouse, options.laCode));

  timings.push(...(await runModels(warehouse, layer('quarantine'), options.tableBuilt)));
  timings.push(...(await runModels(warehouse, layer('staging'), options.tableBuilt)));
  const findings = await readCrossFileFindings(warehouse);

  const extraHolidays = (
    await warehouse.all<{ holiday: string }>(
      `select cast(holiday_date as varchar) as holiday from stg_bank_holidays where holiday_date is not null order by 1`,
    )
  ).map((row) => row.holiday);
  const periods = await periodsWithData(warehouse, options.runDate);
  const defaultPeriod = await defaultPeriodOf(warehouse, periods);
  const coveredFrom = await coveredFromOf(warehouse, periods);

  await step('Building the working-day calendar', () =>
    createCalendar(warehouse, options.runDate, extraHolidays),
  );
  await step('Recording the periods', () => createPeriodTable(warehouse, periods));
  const sourcesByQuarter = await readQuarterSources(warehouse);
  if (options.releaseSourceTables === true) await dropSourceTables(warehouse);

  timings.push(...(await runModels(warehouse, layer('intermediate'), options.tableBuilt)));
  timings.push(...(await runModels(warehouse, layer('marts'), options.tableBuilt)));
  // For callers reading the build in memory (specs, benchmarks), as the snapshot file has it.
  await step('Listing the drill-through records', () => warehouse.run(SCORECARD_RECORD_VIEW_SQL));
  return { periods, defaultPeriod, coveredFrom, extraHolidays, findings, timings, sourcesByQuarter };
}

async function step(what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    throw new Error(`${what} failed: ${firstLine(error)}`);
  }
}

/** An empty `src_<dataset>` table for every dataset: a dataset without accepted files stays empty. */
export async function createSourceTables(warehouse: Warehouse): Promise<void> {
  for (const dataset of DATASETS) {
    const columns = [...SOURCE_COLUMNS[dataset], ...LINEAGE_COLUMNS];
    const definition = columns.map(([name, type]) => `${sqlIdentifier(name)} ${type}`).join(', ');
    await warehouse.run(`create table ${sqlIdentifier(`src_${dataset}`)} (${definition})`);
  }
  await warehouse.run(createSnapshotTableSql('source_by_quarter'));
}

/**
 * Nothing after the staging models and the calendar reads the source tables (`releaseSourceTables`);
 * a dataset read in place from its Parquet has a view instead (`loadSubmissions`).
 */
async function dropSourceTables(warehouse: Warehouse): Promise<void> {
  const views = new Set(
    (
      await warehouse.all<{ name: string }>(
        `select view_name as name from duckdb_views() where database_name = current_database()`,
      )
    ).map((row) => row.name),
  );
  for (const dataset of DATASETS) {
    const name = `src_${dataset}`;
    await warehouse.run(`drop ${views.has(name) ? 'view' : 'table'} ${sqlIdentifier(name)}`);
  }
}

/**
 * Every accepted file's Parquet as its `src_<dataset>`, with where each row came from (a CIN
 * census file into each dataset it feeds), then census against extracts per quarter.
 *
 * A dataset that no census feeds becomes a view reading its files' Parquet: its rows are read
 * where they are needed (staging, the calendar's date range) instead of being copied into the
 * build's memory first. At regional scale the copies were about 2.2 GB, close to the build's
 * memory limit, so every staging model after them spilled to disk. A dataset a census may feed
 * is loaded into its table, as the census choice deletes the rows of the losing kind of file.
 */
export async function loadSubmissions(
  warehouse: Warehouse,
  submissions: readonly AcceptedSubmission[],
): Promise<void> {
  const withCensus = submissions.some((submission) => submission.dataset === 'cin_census');
  for (const dataset of DATASETS) {
    const feeds = (submission: AcceptedSubmission): boolean =>
      submission.dataset === dataset || (submission.dataset === 'cin_census' && isCensusDataset(dataset));
    const files = rankFiles(submissions.filter(feeds));
    if (files.length === 0) continue;
    if (withCensus && isCensusDataset(dataset)) {
      for (const [rank, submission] of files.entries()) {
        await loadSubmission(warehouse, dataset, submission, rank + 1);
      }
    } else {
      await readSubmissionsInPlace(warehouse, dataset, files);
    }
  }
  await chooseCensusOrExtracts(warehouse, submissions);
}

/** Oldest first by (extract date, file name, submission id): the rank "latest wins" orders by. */
export function rankFiles(submissions: readonly AcceptedSubmission[]): AcceptedSubmission[] {
  const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...submissions].sort(
    (a, b) =>
      compare(a.extractDate, b.extractDate) ||
      compare(a.fileName, b.fileName) ||
      compare(a.submissionId, b.submissionId),
  );
}

/** One file's rows as `src_<dataset>` has them: the typed columns, then where each row came from. */
function sourceRowsSql(dataset: Dataset, submission: AcceptedSubmission, rank: number): string {
  const typed = SOURCE_COLUMNS[dataset].map(
    ([name, type]) => `cast(${sqlIdentifier(name)} as ${type}) as ${sqlIdentifier(name)}`,
  );
  return `select ${typed.join(', ')}, cast(_line as integer) as _line,
              cast(${sqlString(submission.submissionId)} as varchar) as _submission_id,
              cast(${sqlString(submission.fileName)} as varchar) as _file_name,
              cast(${sqlString(submission.extractDate)} as date) as _extract_date,
              cast(${rank} as integer) as _file_rank
       from read_parquet(${sqlString(submission.parquetPath)})${
         submission.dataset === 'cin_census' && isCensusDataset(dataset)
           ? ` where _dataset = ${sqlString(dataset)}${censusKeyOnce(dataset)}`
           : ''
       }`;
}

/**
 * One row per id from a census: a census validated before ids were counted across the whole file
 * can hold one id twice (a child listed twice), and on a one-line XML file with the same line, so
 * that staging's latest wins, which orders by file and line, could not choose. The last wins.
 */
function censusKeyOnce(dataset: CensusDataset): string {
  const key = sqlIdentifier(CENSUS_RECORD_KEY[dataset]);
  return ` qualify row_number() over (partition by ${key} order by _line desc) = 1`;
}

async function loadSubmission(
  warehouse: Warehouse,
  dataset: Dataset,
  submission: AcceptedSubmission,
  rank: number,
): Promise<void> {
  await readingFile(dataset, submission, () =>
    warehouse.run(
      `insert into ${sqlIdentifier(`src_${dataset}`)} ${sourceRowsSql(dataset, submission, rank)}`,
    ),
  );
}

/** `src_<dataset>` as a view over `files` (ranked), in place of its empty table. */
async function readSubmissionsInPlace(
  warehouse: Warehouse,
  dataset: Dataset,
  files: readonly AcceptedSubmission[],
): Promise<void> {
  const parts = files.map((submission, index) => sourceRowsSql(dataset, submission, index + 1));
  // Each file is opened now (its schema and the casts), so an unreadable one is named here.
  for (const [index, submission] of files.entries()) {
    await readingFile(dataset, submission, () => warehouse.run(`describe ${parts[index] ?? ''}`));
  }
  const table = sqlIdentifier(`src_${dataset}`);
  await warehouse.run(`drop table ${table}`);
  await warehouse.run(`create view ${table} as ${parts.join('\nunion all\n')}`);
}

async function readingFile(
  dataset: Dataset,
  submission: AcceptedSubmission,
  read: () => Promise<void>,
): Promise<void> {
  try {
    await read();
  } catch (error) {
    throw new Error(
      `the accepted rows of ${submission.fileName} (${dataset}) could not be read: ${firstLine(error)}`,
    );
  }
}

async function loadReference(warehouse: Warehouse, laCode: number): Promise<void> {
  await warehouse.run(`create table ref_dfe_population (year integer, age_band varchar, population double)`);
  await warehouse.append(
    'ref_dfe_population',
    ['year', 'age_band', 'population'],
    loadDfePopulation(laCode).map((row) => [row.year, row.ageBand, row.count]),
  );
  await warehouse.run(
    `create table ref_dfe_comparators (indicator_code varchar, year varchar, comparator_group varchar, value double)`,
  );
  await warehouse.append(
    'ref_dfe_comparators',
    ['indicator_code', 'year', 'comparator_group', 'value'],
    loadDfeComparators(laCode).map((row) => [row.code, row.year, row.group, row.value]),
  );
}

/** The dates the indicator definitions place in a quarter, over every record-level dataset. */
const DEFINING_DATES_SQL = `
  select cast(contact_datetime as date) as d from stg_contacts
  union all select referral_date from stg_referrals
  union all select authorised_date from stg_assessments
  union all select assessment_completed_date from stg_early_help
  union all select start_date from stg_early_help
  union all select strategy_date from stg_strategy_discussions
  union all select s47_start_date from stg_strategy_discussions
  union all select icpc_date from stg_strategy_discussions
  union all select start_date from stg_cp_plans
  union all select end_date from stg_cp_plans
  union all select review_date from stg_cp_reviews
  union all select conference_date from stg_conference_participation`;

/**
 * Every quarter from the one of the earliest defining date to the last quarter ended on the run
 * date (a later quarter without records still shows its open plans and any overdue return).
 */
async function periodsWithData(warehouse: Warehouse, runDate: string): Promise<string[]> {
  const row = await warehouse.one<{ first: string | null }>(
    `select cast(min(d) as varchar) as first from (${DEFINING_DATES_SQL}) as defining_dates`,
  );
  return row?.first ? quartersBetween(quarterOf(row.first), latestEndedQuarter(runDate)) : [];
}

/**
 * The quarter a scorecard opens on: the latest listed quarter that the record-level extracts
 * cover completely (it ended before the newest extract was taken), so a quarter that was still
 * running when the agencies last sent data is never the headline. Without extract dates that
 * cover any quarter, the latest quarter with data.
 */
async function defaultPeriodOf(warehouse: Warehouse, periods: readonly string[]): Promise<string | null> {
  const row = await warehouse.one<{ latest_extract: string | null }>(
    `select cast(max(_extract_date) as varchar) as latest_extract from (${RECORD_LEVEL_EXTRACTS_SQL}) as extracts`,
  );
  const latestExtract = row?.latest_extract ?? null;
  const withData = await periodsWithEvents(warehouse, periods);
  const covered =
    latestExtract === null ? [] : withData.filter((period) => quarterEnd(period) < latestExtract);
  return covered.at(-1) ?? withData.at(-1) ?? null;
}

/**
 * Record-level event datasets that start when the extracts start. Plans and reviews are left
 * out on purpose: extracts carry the plans already open when they start, with their history.
 */
const EXTRACT_START_SQL = `
  select greatest(
    (select min(cast(contact_datetime as date)) from stg_contacts),
    (select min(referral_date) from stg_referrals),
    (select min(strategy_date) from stg_strategy_discussions),
    (select min(start_date) from stg_early_help)
  ) as started`;

/**
 * The first quarter the extracts cover completely: the quarter in which the last of the event
 * datasets (contacts, referrals, strategy discussions, early help) starts. Quarters before it
 * hold only the history the extracts carry (plans open when they start, earlier referrals) and
 * would show a fraction of the real figures; the API still answers for them, but the quarter
 * picker does not offer them.
 */
async function coveredFromOf(warehouse: Warehouse, periods: readonly string[]): Promise<string | null> {
  const row = await warehouse.one<{ started: string | null }>(
    `select cast(started as varchar) as started from (${EXTRACT_START_SQL}) as extract_start`,
  );
  if (!row?.started) return periods[0] ?? null;
  const first = quarterOf(row.started);
  return periods.includes(first) ? first : (periods[0] ?? null);
}

/** The listed periods in which some record has its defining date. */
async function periodsWithEvents(warehouse: Warehouse, periods: readonly string[]): Promise<string[]> {
  const first = periods[0];
  const last = periods.at(-1);
  if (first === undefined || last === undefined) return [];
  const rows = await warehouse.all<{ d: string }>(
    `select distinct cast(d as varchar) as d from (${DEFINING_DATES_SQL}) as defining_dates
     where d between cast(${sqlString(quarterStart(first))} as date) and cast(${sqlString(quarterEnd(last))} as date)`,
  );
  const quarters = new Set(rows.map((row) => quarterOf(row.d)));
  return periods.filter((period) => quarters.has(period));
}

const RECORD_LEVEL_EXTRACTS_SQL = RECORD_LEVEL_DATASETS.map(
  (dataset) => `select _extract_date from ${sqlIdentifier(`src_${dataset}`)}`,
).join(' union all ');

/** Every date and timestamp column of the staged data, earliest and latest. */
async function dataDateBounds(warehouse: Warehouse): Promise<{ min: string | null; max: string | null }> {
  const parts: string[] = [];
  for (const dataset of DATASETS) {
    for (const [name, type] of SOURCE_COLUMNS[dataset]) {
      if (type === 'DATE' || type === 'TIMESTAMP') {
        parts.push(
          `select cast(${sqlIdentifier(name)} as date) as d from ${sqlIdentifier(`src_${dataset}`)}`,
        );
      }
    }
  }
  const row = await warehouse.one<{ min: string | null; max: string | null }>(
    `select cast(min(d) as varchar) as min, cast(max(d) as varchar) as max from (${parts.join(' union all ')}) as dates`,
  );
  return { min: row?.min ?? null, max: row?.max ?? null };
}

/**
 * `calendar`: one row per day over the data's range plus a margin, from libs/calendar (England
 * and Wales bank holidays plus the inbox's extra ones). Dates outside the bank-holiday list's
 * years are left out, so a working-day count touching them is unknown (null) rather than wrong.
 */
async function createCalendar(
  warehouse: Warehouse,
  runDate: string,
  extraHolidays: readonly string[],
): Promise<void> {
  const bounds = await dataDateBounds(warehouse);
  const shift = (date: string, days: number): string =>
    new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const earliest = bounds.min !== null && bounds.min < runDate ? bounds.min : runDate;
  const latest = bounds.max !== null && bounds.max > runDate ? bounds.max : runDate;
  const wantedFrom = shift(earliest, -CALENDAR_MARGIN_DAYS);
  const wantedTo = shift(latest, CALENDAR_MARGIN_DAYS);
  const from = maxDate(wantedFrom, DEFAULT_CALENDAR_RANGE.from);
  const to = minDate(wantedTo, DEFAULT_CALENDAR_RANGE.to);
  await warehouse.run(createSnapshotTableSql('calendar'));
  const columns = snapshotTableColumns('calendar');
  if (from <= to) {
    const rows = calendarRows(
      from,
      to,
      extraHolidays.filter((day) => day >= from && day <= to),
    );
    await warehouse.append(
      'calendar',
      columns,
      rows.map((row) => [
        row.date,
        row.isWorkingDay,
        row.workingDayIndex,
        row.quarter,
        quarterIndex(row.quarter),
        row.financialYear,
      ]),
    );
  }
  // Days the data reaches outside the bank-holiday list's years (a census can carry records
  // dated decades back) still belong to a quarter; whether they are working days is unknown.
  const outside: string[] = [];
  for (let day = wantedFrom; day <= wantedTo && day < DEFAULT_CALENDAR_RANGE.from; day = shift(day, 1))
    outside.push(day);
  for (
    let day = maxDate(wantedFrom, shift(DEFAULT_CALENDAR_RANGE.to, 1));
    day <= wantedTo;
    day = shift(day, 1)
  )
    outside.push(day);
  await warehouse.append(
    'calendar',
    columns,
    outside.map((day) => {
      const quarter = quarterOf(day);
      return [day, null, null, quarter, quarterIndex(quarter), financialYearOf(day)];
    }),
  );
}

async function createPeriodTable(warehouse: Warehouse, periods: readonly string[]): Promise<void> {
  await warehouse.run(createSnapshotTableSql('period'));
  await warehouse.append(
    'period',
    snapshotTableColumns('period'),
    periodRows(periods).map((row) => [
      row.period,
      row.startDate,
      row.endDate,
      row.financialYear,
      row.financialYearStart,
      row.periodIndex,
    ]),
  );
}

async function writeScorecards(
  warehouse: Warehouse,
  input: BuildSnapshotInput,
  outcome: WarehouseBuildOutcome,
): Promise<void> {
  const { measures } = await readMeasures(warehouse);
  const comparators = await warehouse.all<{ code: string; year: string; group: string; value: number }>(
    `select indicator_code as code, year, comparator_group as "group", value
     from int_comparators_merged where value is not null order by 1, 2, 3`,
  );
  const scorecards = buildScorecards({
    measures,
    runDate: input.runDate,
    overrides: input.overrides,
    returnDueWorkingDays: input.returnDueWorkingDays,
    comparators: comparators.filter(isComparatorValue),
    extraHolidays: outcome.extraHolidays,
  });

  await warehouse.run(createSnapshotTableSql('scorecard_indicator'));
  const indicatorRows: (string | number)[][] = [];
  for (const [period, indicators] of scorecards) {
    indicators.forEach((indicator, position) => {
      indicatorRows.push([period, indicator.code, position + 1, JSON.stringify(indicator)]);
    });
  }
  await warehouse.append('scorecard_indicator', snapshotTableColumns('scorecard_indicator'), indicatorRows);
}

function isComparatorValue(row: {
  code: string;
  year: string;
  group: string;
  value: number;
}): row is ComparatorValue {
  return (COMPARATOR_GROUPS as readonly string[]).includes(row.group);
}

async function writeSnapshotMeta(
  warehouse: Warehouse,
  input: BuildSnapshotInput,
  outcome: WarehouseBuildOutcome,
  quarantinedByDataset: Record<string, number>,
): Promise<void> {
  await warehouse.run(createSnapshotTableSql('snapshot_meta'));
  await warehouse.append(
    'snapshot_meta',
    snapshotTableColumns('snapshot_meta'),
    snapshotMetaRows({
      snapshotId: input.snapshotId,
      generatedAt: new Date().toISOString(),
      runDate: input.runDate,
      laCode: String(input.laCode),
      regionName: loadDfeRegion(input.laCode)?.name ?? null,
      catalogueVersion,
      defaultPeriod: outcome.defaultPeriod,
      coveredFrom: outcome.coveredFrom,
      returnDueWorkingDays: JSON.stringify(input.returnDueWorkingDays ?? {}),
    }),
  );
  await warehouse.run(createSnapshotTableSql('data_quality'));
  const rejected = input.rejectedFilesByDataset ?? {};
  await warehouse.append(
    'data_quality',
    snapshotTableColumns('data_quality'),
    DATASETS.map((dataset) => [dataset, quarantinedByDataset[dataset] ?? 0, rejected[dataset] ?? 0]),
  );
}

function result(
  input: BuildSnapshotInput,
  outcome: WarehouseBuildOutcome,
  quarantinedByDataset: Record<string, number>,
  dataTestFailures: DataTestFailure[],
): BuildSnapshotResult {
  return {
    snapshotId: input.snapshotId,
    path: input.outPath,
    findings: outcome.findings,
    dataTestFailures,
    periods: outcome.periods,
    defaultPeriod: outcome.defaultPeriod,
    quarantinedByDataset,
    sourcesByQuarter: outcome.sourcesByQuarter,
  };
}

function countByDataset(findings: readonly Finding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const dataset of DATASETS) counts[dataset] = 0;
  for (const finding of findings) {
    if (finding.kind === 'row_quarantined') counts[finding.dataset] = (counts[finding.dataset] ?? 0) + 1;
  }
  return counts;
}

/** A DuckDB file and its write-ahead log. */
function removeDatabaseFiles(path: string): void {
  for (const file of [path, `${path}.wal`]) {
    if (existsSync(file)) rmSync(file, { force: true });
  }
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
