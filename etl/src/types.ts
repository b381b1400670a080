import type { FindingKind } from '@oscp/contracts';
import type { TargetOverrideInput } from '@oscp/scorecard';

/** The datasets of data contract v1. */
export const DATASETS = [
  'contacts',
  'referrals',
  'assessments',
  'strategy_discussions',
  'cp_plans',
  'cp_reviews',
  'conference_participation',
  'early_help',
  'partner_returns',
  'population',
  'comparators',
  'bank_holidays',
] as const;
export type Dataset = (typeof DATASETS)[number];

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

/** One data-quality finding, before it gets its database id. */
export interface Finding {
  kind: FindingKind;
  dataset: string;
  fileName: string;
  /** Header is line 1 (XLSX: the sheet row); null for file-level findings. */
  line: number | null;
  column: string | null;
  /** At most 50 characters; `*_id` columns masked as first 2 characters + length (`CH…(8)`). */
  value: string | null;
  /** A stable rule name, e.g. `required`, `date_format`, `code_list`, `not_before`, `duplicate_key`. */
  rule: string;
  /** Plain English, naming file, line, column, value and rule. */
  message: string;
}

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
}
