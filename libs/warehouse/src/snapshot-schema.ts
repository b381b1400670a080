import { sqlIdentifier } from './warehouse';

/**
 * What a snapshot file holds besides the model tables: the tables and `snapshot_meta` keys the
 * builder (`etl`) writes and the API reads, defined once. Raise the version with any change a
 * reader would notice; the API refuses a snapshot of another version with a plain message, and
 * the next ETL run rebuilds it (the version is part of a snapshot's inputs). Layout 4 leaves out
 * the staging tables but `SNAPSHOT_STAGING_TABLES`.
 */
export const SNAPSHOT_SCHEMA_VERSION = 4;

type Columns = readonly (readonly [name: string, type: string])[];

/** The snapshot's own tables: name → columns and DuckDB types, in order. */
export const SNAPSHOT_TABLES = {
  /** One row per day: working days from libs/calendar. */
  calendar: [
    ['calendar_date', 'date'],
    ['is_working_day', 'boolean'],
    ['working_day_index', 'integer'],
    ['quarter', 'varchar'],
    ['quarter_index', 'integer'],
    ['financial_year', 'varchar'],
  ],
  /** One row per quarter the snapshot covers. */
  period: [
    ['period', 'varchar'],
    ['start_date', 'date'],
    ['end_date', 'date'],
    ['financial_year', 'varchar'],
    ['financial_year_start', 'integer'],
    ['period_index', 'integer'],
  ],
  /** One row per quarter and indicator: the contracts' `ScorecardIndicator` as JSON. */
  scorecard_indicator: [
    ['period', 'varchar'],
    ['code', 'varchar'],
    ['position', 'integer'],
    ['indicator', 'json'],
  ],
  /** One row per key of `SNAPSHOT_META_KEYS`. */
  snapshot_meta: [
    ['key', 'varchar'],
    ['value', 'varchar'],
  ],
  /** One row per dataset: rows quarantined by the build's checks across files, files the run rejected. */
  data_quality: [
    ['dataset', 'varchar'],
    ['quarantined_rows', 'integer'],
    ['rejected_files', 'integer'],
  ],
  /**
   * Where a children in need census took part: which kind of file (`cin_census` or `extract`)
   * fed each record-level dataset's quarter, and the newest file of that kind. Empty otherwise.
   */
  source_by_quarter: [
    ['dataset', 'varchar'],
    ['period', 'varchar'],
    ['source', 'varchar'],
    ['file_name', 'varchar'],
    ['extract_date', 'date'],
  ],
} as const satisfies Record<string, Columns>;

export type SnapshotTableName = keyof typeof SNAPSHOT_TABLES;

/**
 * Model tables kept in the snapshot file, by prefix. The `src_*` tables are left out (they are
 * the accepted Parquet files), and so are the staging tables but `SNAPSHOT_STAGING_TABLES`.
 */
export const SNAPSHOT_MODEL_TABLE_PREFIXES = ['qua_', 'int_', 'mart_', 'ref_'] as const;

/**
 * The staging tables kept in the snapshot file, because the API reads them from a published
 * snapshot: the partner-return tracker names the file each counted return came from
 * (`stg_partner_returns`) and counts due days with the inbox's extra holidays
 * (`stg_bank_holidays`). The other staging tables are read only while the build runs: the
 * record-level ones (`stg_contacts` and the rest, about half of a snapshot's rows) feed the
 * `int_*` tables the drill-through reads, and the reference ones feed `int_*_merged`.
 */
export const SNAPSHOT_STAGING_TABLES = ['stg_partner_returns', 'stg_bank_holidays'] as const;

/** The drill-through view: one row per record behind a part of an indicator in a period. */
export const SCORECARD_RECORD_VIEW = 'scorecard_record';

/** The keys of `snapshot_meta`. */
export const SNAPSHOT_META_KEYS = {
  schemaVersion: 'schema_version',
  snapshotId: 'snapshot_id',
  generatedAt: 'generated_at',
  runDate: 'run_date',
  laCode: 'la_code',
  /** The LA's region as DfE names it (`North West`): what the `region` comparators are. */
  regionName: 'region_name',
  catalogueVersion: 'catalogue_version',
  defaultPeriod: 'default_period',
  /** The first quarter the extracts cover completely. */
  coveredFrom: 'covered_from',
  /** Working days after the quarter's end each agency's partner return is due (JSON, by agency). */
  returnDueWorkingDays: 'return_due_working_days',
} as const;

export type SnapshotMetaField = keyof typeof SNAPSHOT_META_KEYS;

/** `create table <name> (...)` for one of the snapshot's own tables. */
export function createSnapshotTableSql(name: SnapshotTableName): string {
  const columns = SNAPSHOT_TABLES[name].map(([column, type]) => `${sqlIdentifier(column)} ${type}`);
  return `create table ${sqlIdentifier(name)} (${columns.join(', ')})`;
}

export function snapshotTableColumns(name: SnapshotTableName): string[] {
  return SNAPSHOT_TABLES[name].map(([column]) => column);
}

/** Whether a table of the build belongs in the snapshot file. */
export function isSnapshotTable(name: string): boolean {
  return (
    name in SNAPSHOT_TABLES ||
    (SNAPSHOT_STAGING_TABLES as readonly string[]).includes(name) ||
    SNAPSHOT_MODEL_TABLE_PREFIXES.some((prefix) => name.startsWith(prefix))
  );
}

/** `snapshot_meta`'s rows for these values; the schema version is always this one. */
export function snapshotMetaRows(
  values: Record<Exclude<SnapshotMetaField, 'schemaVersion'>, string | null>,
): [string, string | null][] {
  const all: Record<SnapshotMetaField, string | null> = {
    schemaVersion: String(SNAPSHOT_SCHEMA_VERSION),
    ...values,
  };
  return (Object.keys(SNAPSHOT_META_KEYS) as SnapshotMetaField[]).map((field) => [
    SNAPSHOT_META_KEYS[field],
    all[field],
  ]);
}

/**
 * Why a snapshot with this `snapshot_meta` cannot be read by this version, in plain English, or
 * null when it can.
 */
export function snapshotSchemaProblem(meta: ReadonlyMap<string, string | null>): string | null {
  const found = meta.get(SNAPSHOT_META_KEYS.schemaVersion) ?? null;
  if (found === String(SNAPSHOT_SCHEMA_VERSION)) return null;
  const built = found === null ? 'an older version of this product' : `snapshot layout ${found}`;
  return (
    `This snapshot was built by ${built}; this version reads snapshot layout ${SNAPSHOT_SCHEMA_VERSION}. ` +
    'Run the ETL again to build a snapshot it can read.'
  );
}
