/** Types of ETL runs, submissions and data-quality findings as they cross HTTP. */

export type RunTrigger = 'schedule' | 'manual' | 'upload' | 'cli' | 'startup';
export type RunStatus = 'running' | 'published' | 'unchanged' | 'failed';
export type SubmissionStatus = 'accepted' | 'rejected' | 'skipped_duplicate';

export interface RunSummary {
  id: string;
  trigger: RunTrigger;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  snapshotId: string | null;
  /** Plain-English reason a run failed. */
  error: string | null;
  filesAccepted: number;
  filesRejected: number;
  rowsQuarantined: number;
  /** Where a CIN census took part in the build: the source of each dataset's quarter (else empty). */
  sourcesByQuarter: QuarterSource[];
}

export interface SubmissionSummary {
  id: string;
  runId: string;
  dataset: string;
  fileName: string;
  agency: string | null;
  extractDate: string;
  sha256: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsQuarantined: number;
  status: SubmissionStatus;
  reason: string | null;
  /** The uploader's own file name (uploads only; shown, never used as a path). */
  originalFileName: string | null;
  /** Email of the person who uploaded it (uploads only). */
  uploadedBy: string | null;
  /**
   * A CIN census file's accepted children and records by kind (`children`, `referrals`,
   * `assessments`, `strategy_discussions`, `cp_plans`, `cp_reviews`); null for other files.
   */
  recordCounts: Record<string, number> | null;
}

/** Which kind of file fed a dataset's records in a quarter, where a CIN census took part. */
export interface QuarterSource {
  dataset: string;
  /** `2021-22 Q3`. */
  period: string;
  source: 'cin_census' | 'extract';
  /** The newest file of that kind holding the quarter. */
  fileName: string;
  extractDate: string;
}

export type FindingKind = 'row_quarantined' | 'file_rejected' | 'warning';

export interface QualityFinding {
  id: string;
  runId: string;
  submissionId: string | null;
  kind: FindingKind;
  dataset: string;
  fileName: string;
  /** Header is line 1 (XLSX: the sheet row); null for file-level findings. */
  line: number | null;
  column: string | null;
  /** At most 50 characters; identifier columns masked (first 2 characters and the length). */
  value: string | null;
  /** A stable rule name, e.g. `required`, `date_format`, `code_list`, `not_before`, `duplicate_key`. */
  rule: string;
  /** Plain English, naming file, line, column, value and rule. */
  message: string;
}

/** A run's findings of one dataset and rule: how many, and the first 3 (in the order found). */
export interface FindingGroup {
  dataset: string;
  rule: string;
  kind: FindingKind;
  count: number;
  examples: QualityFinding[];
}

export interface RunDetail extends RunSummary {
  submissions: SubmissionSummary[];
  /** Every finding of the run grouped by dataset and rule, largest group first (unfiltered). */
  findingGroups: FindingGroup[];
  findings: Page<QualityFinding>;
  /** Every finding of the run counted by file, column (a census: element) and kind, most first. */
  findingCounts: FindingCount[];
}

export interface FindingCount {
  fileName: string;
  /** The column, or a census file's element; null for findings about the whole file. */
  column: string | null;
  kind: FindingKind;
  count: number;
}

export interface UploadAccepted {
  submissionId: string;
  runId: string;
}

/** `POST /api/runs` answers 202 with the new run's id. */
export interface RunStarted {
  runId: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
