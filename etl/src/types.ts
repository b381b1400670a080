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

/** A file found in an inbox folder: `<inbox>/<dataset>/<dataset>_<YYYYMMDD>[_<suffix>].csv|xlsx`. */
export interface InboxFile {
  dataset: Dataset;
  path: string;
  fileName: string;
  /** `YYYY-MM-DD` from the file name. */
  extractDate: string;
  format: 'csv' | 'xlsx';
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
  dataset: Dataset;
  extractDate: string;
  format: 'csv' | 'xlsx';
  /** Where to write the accepted rows (Parquet, typed columns of the contract + `_line`). */
  outputPath: string;
  /** A file with more than this share of failing rows is rejected; exactly this share is accepted. Default 10. */
  rejectThresholdPct: number;
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
}

/** An accepted submission the snapshot is built from. */
export interface AcceptedSubmission {
  submissionId: string;
  dataset: Dataset;
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
}
