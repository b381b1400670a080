/** Exception reports, commentary and subgroups as they cross HTTP. */
import type { AgencyCode } from './datasets';
import type {
  BreakdownEntry,
  Comparators,
  DataQualityNote,
  Direction,
  ExceptionReason,
  Polarity,
  Rag,
  Target,
  Unit,
  ValueStatus,
} from './scorecard';

export type ExceptionStatus = 'draft' | 'submitted' | 'returned' | 'accepted' | 'closed';
export const EXCEPTION_STATUSES: readonly ExceptionStatus[] = [
  'draft',
  'submitted',
  'returned',
  'accepted',
  'closed',
];

export type ActionStatus = 'open' | 'done';

export interface ExceptionAction {
  id: string;
  what: string;
  /** An agency code such as `CSC` or `HEALTH`. */
  ownerAgency: string;
  /** `YYYY-MM-DD`. */
  dueDate: string;
  status: ActionStatus;
  /** Derived: open and its due date has passed (on today's date in Europe/London). */
  overdue: boolean;
  /** The quarter of the report this action was carried over from, if any. */
  carriedOverFrom: string | null;
}

/** One quarter of the frozen 8-quarter series. */
export interface EvidencePoint {
  period: string;
  value: number | null;
  display: string;
  rag: Rag | null;
}

/** The figures as they stood in the snapshot the report was opened from; never rewritten. */
export interface ExceptionEvidence {
  snapshotId: string;
  period: string;
  title: string;
  /** The agency whose data or return the indicator comes from. */
  owner: AgencyCode;
  unit: Unit;
  polarity: Polarity;
  value: number | null;
  display: string;
  status: ValueStatus;
  numerator: number | null;
  denominator: number | null;
  target: Target;
  tolerance: number | null;
  rag: Rag | null;
  direction: Direction | null;
  previousValue: number | null;
  exception: boolean;
  reasons: ExceptionReason[];
  /** With `partner_return_missing`: working days the return was overdue (absent in older reports). */
  partnerReturnWorkingDaysOverdue?: number;
  /** Oldest first, up to 8 quarters ending with the report's quarter. */
  series: EvidencePoint[];
  comparators: Comparators | null;
  /**
   * The region the `region` comparator belongs to (see `Scorecard.regionName`); absent from
   * evidence frozen before snapshots recorded it.
   */
  regionName?: string | null;
  breakdown: BreakdownEntry[];
  dataQuality: DataQualityNote[];
}

/** A later snapshot's figure that differs from the frozen one ("figures revised since drafted"). */
export interface FigureRevision {
  snapshotId: string;
  at: string;
  value: number | null;
  display: string;
}

export interface ExceptionReport {
  id: string;
  indicatorCode: string;
  /** `2024-25 Q3`. */
  period: string;
  status: ExceptionStatus;
  /** Ids of the subgroups that own the report (from the `subgroups` list). */
  subgroupIds: string[];
  /** `automatic` (opened after a published run) or `by_hand`. */
  openedBy: 'automatic' | 'by_hand';
  evidence: ExceptionEvidence;
  /** Newest last; empty while the figures stand. */
  revisions: FigureRevision[];
  cause: string;
  dataQualityNote: string;
  impact: string;
  actions: ExceptionAction[];
  /** The quarter by which the target should be met, `2025-26 Q2`. */
  trajectoryPeriod: string | null;
  escalationNeeded: boolean | null;
  escalationTo: string;
  /** The manager's comment when the report was last returned. */
  returnComment: string | null;
  /** Increments with every change; send it back with PATCH and transitions. */
  version: number;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ExceptionReportList {
  items: ExceptionReport[];
  total: number;
  counts: Record<ExceptionStatus, number>;
}

export interface ExceptionActionInput {
  id?: string;
  what: string;
  ownerAgency: string;
  dueDate: string;
  status: ActionStatus;
}

/** `PATCH /api/exceptions/:id`, some of the narrative fields plus the version last read. */
export interface ExceptionReportChange {
  version: number;
  cause?: string;
  dataQualityNote?: string;
  impact?: string;
  actions?: ExceptionActionInput[];
  trajectoryPeriod?: string | null;
  escalationNeeded?: boolean | null;
  escalationTo?: string;
}

export type ExceptionTransitionTarget = 'submitted' | 'returned' | 'accepted' | 'closed';

export interface ExceptionTransition {
  to: ExceptionTransitionTarget;
  comment?: string;
  version?: number;
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface HistoryEntry {
  id: string;
  at: string;
  actor: string | null;
  /** `opened`, `edited`, `submitted`, `returned`, `accepted`, `closed`, `revised`. */
  action: string;
  comment: string | null;
  changes: FieldChange[];
}

export interface Commentary {
  indicatorCode: string;
  period: string;
  /** At most 1,000 characters. */
  text: string;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
  history: HistoryEntry[];
}

export interface CommentaryChange {
  text: string;
  /** The version last read; 0 when writing the first commentary. */
  version: number;
}

export interface Subgroup {
  id: string;
  name: string;
  /** Indicator codes this subgroup owns. */
  indicatorCodes: string[];
  retired: boolean;
}
