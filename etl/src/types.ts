import { DATASETS, type Dataset, type QualityFinding } from '@oscp/contracts';
import type { TargetOverrideInput } from '@oscp/scorecard';

export { DATASETS, type Dataset } from '@oscp/contracts';

/** Returns and reference data: the datasets that do not hold one row per case record. */
const AGGREGATE_DATASETS: ReadonlySet<Dataset> = new Set([
  'partner_returns',
  'population',
  'comparators',
  'bank_holidays',
]);

/** Datasets of one row per case record, in `DATASETS` order. */
export const RECORD_LEVEL_DATASETS: readonly Dataset[] = DATASETS.filter(
  (dataset) => !AGGREGATE_DATASETS.has(dataset),
);

/**
 * What a file in the inbox or an upload can be: a dataset's CSV or XLSX, or the DfE children in
 * need census XML (`cin_census`), whose records feed several record-level datasets.
 */
export const INPUT_DATASETS = [...DATASETS, 'cin_census'] as const;
export type InputDataset = (typeof INPUT_DATASETS)[number];
export type InputFormat = 'csv' | 'xlsx' | 'xml';

/** A file found in an inbox folder: `<inbox>/<dataset>/<dataset>_<YYYYMMDD>[_<suffix>].csv|xlsx|xml`. */
export interface InboxFile {
  dataset: InputDataset;
  path: string;
  fileName: string;
  /** `YYYY-MM-DD` from the file name. */
  extractDate: string;
  format: InputFormat;
}

/** A file in the inbox that does not follow the naming rule, reported rather than guessed at. */
export interface InboxProblem {
  path: string;
  fileName: string;
  message: string;
}

/**
 * One data-quality finding as validation or the build finds it: the contracts' `QualityFinding`
 * before it is recorded with a run (`id`, `runId`, `submissionId`).
 */
export type Finding = Omit<QualityFinding, 'id' | 'runId' | 'submissionId'>;

export interface ValidateSubmissionInput {
  path: string;
  fileName: string;
  dataset: InputDataset;
  extractDate: string;
  format: InputFormat;
  /** Where to write the accepted rows (Parquet, typed columns of the contract + `_line`). */
  outputPath: string;
  /** A file with more than this share of failing rows is rejected; exactly this share is accepted. Default 10. */
  rejectThresholdPct: number;
  /** `cin_census` only: the data folder's key for pseudonymising `LAchildID` (hex). */
  childIdKey?: string;
}

export interface ValidationResult {
  status: 'accepted' | 'rejected';
  rowsRead: number;
  rowsAccepted: number;
  rowsQuarantined: number;
  /** Plain-English reason when rejected, naming the file and (where it applies) the column. */
  reason: string | null;
  findings: Finding[];
  /** The Parquet file of accepted rows, when accepted. */
  outputPath: string | null;
  /** A census file's accepted children and records by kind (null for other files and when rejected). */
  recordCounts?: Record<string, number> | null;
}

/** An accepted submission the snapshot is built from. */
export interface AcceptedSubmission {
  submissionId: string;
  /** A `cin_census` submission feeds each of the datasets its Parquet holds rows for. */
  dataset: InputDataset;
  fileName: string;
  extractDate: string;
  /** Parquet written by `validateSubmission`. */
  parquetPath: string;
}

export interface BuildSnapshotInput {
  snapshotId: string;
  /** Final path of the snapshot file; it is built at `<outPath>.building` and renamed when complete. */
  outPath: string;
  submissions: AcceptedSubmission[];
  /** `YYYY-MM-DD`, the date "overdue" is judged on and the default quarter is chosen from. */
  runDate: string;
  /** DfE local authority number for the shipped comparators and population (353 = Oldham). */
  laCode: number;
  overrides: TargetOverrideInput[];
  /** Files the building run rejected, per dataset (the snapshot's `data_quality.rejected_files`). */
  rejectedFilesByDataset?: Readonly<Record<string, number>>;
  /**
   * Working days after the quarter's end each agency's partner return is due, by agency code;
   * missing agencies have the default 20. Kept in `snapshot_meta` so the returns tracker judges
   * returns by the same days the scorecard did.
   */
  returnDueWorkingDays?: Readonly<Record<string, number>>;
}

export interface DataTestFailure {
  test: string;
  failingRows: number;
  /** Plain-English description of what the test checks. */
  description: string;
}

export interface BuildSnapshotResult {
  snapshotId: string;
  path: string;
  /** Findings that need more than one file (e.g. a review whose plan is not in cp_plans). */
  findings: Finding[];
  dataTestFailures: DataTestFailure[];
  periods: string[];
  defaultPeriod: string | null;
  /** Quarantined rows per dataset across every submission, cross-file findings included. */
  quarantinedByDataset: Record<string, number>;
  /** Where a CIN census took part: which kind of file fed each dataset's quarter. */
  sourcesByQuarter: {
    dataset: string;
    period: string;
    source: 'cin_census' | 'extract';
    fileName: string;
    extractDate: string;
  }[];
}
