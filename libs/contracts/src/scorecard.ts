/** Types of the scorecard as it crosses HTTP. Shape fixed by the architecture's command-line contract. */
import type { AgencyCode } from './datasets';
import type { SignOffState } from './briefings';

export type Theme = 'front_door' | 'child_protection' | 'neglect' | 'priority_themes';
export type Unit = 'count' | 'percent' | 'rate10k' | 'rate100k';
export type Polarity = 'higher' | 'lower' | 'range' | 'context';
export type Rag = 'green' | 'amber' | 'red';
export type Direction = 'improving' | 'declining' | 'no_change' | 'up' | 'down';

/** A target is a number, a `{ low, high }` range, or null for context indicators. */
export type Target = number | { low: number; high: number } | null;

/**
 * Why a value is what it is: `ok` a computed value; `no_data` shown `[x]`;
 * `not_applicable` (denominator 0) shown `[z]`; `suppressed` shown `[c]` in published views;
 * `awaited` a partner return not yet due (shown `[x]`, with the word "awaited" beside it).
 */
export type ValueStatus = 'ok' | 'no_data' | 'not_applicable' | 'suppressed' | 'awaited';

export interface BreakdownEntry {
  key: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

export interface Comparators {
  /** Financial year the values belong to, e.g. `2024-25`. */
  year: string;
  england: number | null;
  region: number | null;
  statNeighbours: number | null;
  /** Where DfE's definition differs from the local one. */
  note: string | null;
}

export type ExceptionReason = 'red' | 'declining_two_quarters' | 'partner_return_missing';

export interface ScorecardIndicator {
  code: string;
  title: string;
  theme: Theme;
  unit: Unit;
  polarity: Polarity;
  owner: AgencyCode;
  subgroups: string[];
  numerator: number | null;
  denominator: number | null;
  /** Full precision. */
  value: number | null;
  /** The value as people read it: `20.5`, `2043`, `[x]`, `[z]`, `[c]`. */
  display: string;
  status: ValueStatus;
  target: Target;
  tolerance: number | null;
  /** Where the target came from: the catalogue default or an analyst's change. */
  targetSource: 'catalogue' | 'override';
  rag: Rag | null;
  direction: Direction | null;
  previousValue: number | null;
  exception: boolean;
  exceptionReasons: ExceptionReason[];
  /**
   * With `partner_return_missing`: how many working days the quarter's own return was overdue
   * on the run date. Absent otherwise, and in snapshots built before it was recorded.
   */
  partnerReturnWorkingDaysOverdue?: number;
  comparators: Comparators | null;
  breakdown: BreakdownEntry[];
  /** Last 8 quarters, oldest first; present on /api/scorecard. */
  trend?: { period: string; value: number | null }[];
}

export interface Scorecard {
  /** `2024-25 Q3`. */
  period: string;
  snapshotId: string;
  /** ISO 8601 instant the snapshot was built. */
  generatedAt: string;
  /** The run date used for "overdue" partner returns, `YYYY-MM-DD`. */
  runDate: string;
  /**
   * The region the `region` comparators belong to: the local authority's own region as DfE names
   * it (`North West` for Oldham); null when the reference data has no region for the LA.
   */
  regionName: string | null;
  /** True when disclosure control was applied (`?published=true`, `--published-view`). */
  publishedView: boolean;
  indicators: ScorecardIndicator[];
  /**
   * Present when these are an earlier snapshot's figures standing in for a published snapshot
   * whose file cannot be read: a sentence to show as a banner.
   */
  notice?: string;
  /**
   * Set on `/api/scorecard` when the quarter is signed off: whose sign-off, which figures are
   * shown (the signed-off ones unless `figures=latest`) and the indicators revised since.
   */
  signOffState?: SignOffState | null;
}

export interface PeriodSummary {
  period: string;
  /** `2024-04-01`. */
  start: string;
  end: string;
  /**
   * The extracts cover the quarter completely: it is not before they start (where stock figures
   * such as children on a plan would be a fraction of the real one) nor after the default quarter
   * (still running when the newest extract was taken). The quarter picker offers only these; the
   * API answers for every listed quarter.
   */
  complete: boolean;
}

export interface PeriodList {
  snapshotId: string | null;
  defaultPeriod: string | null;
  /** The first quarter the extracts cover completely; null for a snapshot built before this was recorded. */
  coveredFrom: string | null;
  periods: PeriodSummary[];
}

/** An indicator of the catalogue, as `GET /api/indicators` lists it (to choose indicators from). */
export interface CatalogueIndicator {
  code: string;
  title: string;
  theme: Theme;
}

export interface IndicatorDefinition {
  code: string;
  title: string;
  /** One sentence a councillor understands: what is counted, in everyday words. */
  plainDefinition: string;
  /** Why the partnership watches it, in one or two sentences. */
  whyItMatters: string;
  theme: Theme;
  /** The technical rule, shown under "How it is calculated". */
  definition: string;
  numeratorDefinition: string;
  denominatorDefinition: string | null;
  source: string[];
  unit: Unit;
  polarity: Polarity;
  target: Target;
  tolerance: number | null;
  /** Direction threshold in the value's unit, or a share of the previous value. */
  directionThreshold: { kind: 'absolute'; value: number } | { kind: 'relative'; share: number };
  owner: AgencyCode;
  subgroups: string[];
  /** The practice standard behind it, citing the document's title (never a file name). */
  seedReference: string;
  breakdown: 'source_group' | 'agency' | null;
  /** How this indicator differs from DfE's published comparator, where it does. */
  comparatorNote: string | null;
}

export interface TrendPoint {
  period: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  display: string;
  status: ValueStatus;
  target: Target;
  rag: Rag | null;
  direction: Direction | null;
  comparators: Comparators | null;
}

export interface DataQualityNote {
  dataset: string;
  quarantinedRows: number;
  rejectedFiles: number;
}

export interface IndicatorDetail {
  definition: IndicatorDefinition;
  snapshotId: string;
  period: string;
  /** The region the `region` comparators belong to (see `Scorecard.regionName`). */
  regionName: string | null;
  current: ScorecardIndicator;
  trend: TrendPoint[];
  dataQuality: DataQualityNote[];
  /**
   * Set on `/api/indicators/:code` when the quarter is signed off, as on `/api/scorecard`: the
   * detail is the signed-off snapshot's unless `figures=latest`.
   */
  signOffState?: SignOffState | null;
}

export interface IndicatorRecord {
  /** The source dataset's primary key, e.g. a contact_id. */
  recordId: string;
  /** Pseudonymised child ID where the record has one. */
  childId: string | null;
  dataset: string;
}

export interface SnapshotSummary {
  id: string;
  runId: string;
  /** The run's number in the order runs started (1 for the first run), for people to name it by. */
  runNumber: number | null;
  createdAt: string;
  publishedAt: string | null;
  current: boolean;
  runDate: string;
  periods: string[];
}

export interface TargetOverride {
  id: string;
  code: string;
  /** Financial year `2024-25`. */
  financialYear: string;
  target: Target;
  tolerance: number;
  reason: string;
  createdBy: string;
  createdAt: string;
}

/** `PUT /api/targets/:code/:financialYear` body: a number, or `{ low, high }` for a range indicator. */
export interface TargetChange {
  target: number | { low: number; high: number };
  tolerance: number;
  reason: string;
}

/** One indicator's target for a financial year: the catalogue default and any analyst changes. */
export interface TargetSetting {
  code: string;
  title: string;
  unit: Unit;
  polarity: Polarity;
  financialYear: string;
  /** In force for scorecards built from now on (the next ETL run); null for context indicators. */
  target: Target;
  tolerance: number | null;
  source: 'catalogue' | 'override';
  catalogueTarget: Target;
  catalogueTolerance: number | null;
  /** Every change for this code and year, newest first; the first one is in force. */
  history: TargetOverride[];
}

export interface TargetList {
  financialYear: string;
  items: TargetSetting[];
}
