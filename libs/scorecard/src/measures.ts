import type { Comparators, Target } from '@oscp/contracts';

/**
 * What the warehouse's marts hand to the rules: one indicator in one quarter, before RAG,
 * direction, exceptions and formatting. Produced by `etl` (SQL marts), consumed by
 * `buildScorecards`.
 */
export interface IndicatorMeasure {
  code: string;
  /** `2024-25 Q3`. */
  period: string;
  /** Count in the numerator; for `count` units the value itself. Null when `[x]`. */
  numerator: number | null;
  /**
   * percent: the denominator count (0 gives `[z]`); rate10k/rate100k: the population used;
   * count: null.
   */
  denominator: number | null;
  /**
   * `ok` computed; `no_data` no source rows for the period (`[x]`); `not_applicable` source
   * rows exist but none in the denominator (`[z]`).
   */
  status: 'ok' | 'no_data' | 'not_applicable';
  /**
   * Partner-return indicators only: true when this period's own return is missing
   * (not merely an earlier quarter's, for a rolling value).
   */
  ownReturnMissing: boolean;
  breakdown: { key: string; numerator: number; denominator: number }[];
}

/** The target and tolerance in force for one indicator in one financial year. */
export interface TargetInForce {
  target: Target;
  tolerance: number | null;
  source: 'catalogue' | 'override';
}

export interface TargetOverrideInput {
  code: string;
  /** `2024-25`. */
  financialYear: string;
  target: Target;
  tolerance: number;
}

/**
 * The comparator groups of the data contract: `REGION` is the local authority's own region (an
 * inbox file's older name for it, `NORTH_WEST`, is read as `REGION` in staging).
 */
export const COMPARATOR_GROUPS = ['ENGLAND', 'REGION', 'STAT_NEIGHBOURS'] as const;
export type ComparatorGroup = (typeof COMPARATOR_GROUPS)[number];

/** One published comparator value (DfE or an inbox `comparators` file). */
export interface ComparatorValue {
  code: string;
  /** Financial year `2023-24`. */
  year: string;
  group: ComparatorGroup;
  value: number;
}

export interface ScorecardBuildInput {
  /** Every indicator × every period the snapshot covers. */
  measures: IndicatorMeasure[];
  /** `YYYY-MM-DD`: the date "overdue" and "awaited" are judged on. */
  runDate: string;
  overrides: TargetOverrideInput[];
  comparators: ComparatorValue[];
  /** Extra holidays from a `bank_holidays` file, `YYYY-MM-DD`. */
  extraHolidays: string[];
  /**
   * Working days after the quarter's end each agency's partner return is due, by agency code
   * (the `agencies` table); an agency not listed has the default 20.
   */
  returnDueWorkingDays?: Readonly<Record<string, number>>;
}

export type ComparatorsFor = (code: string, period: string) => Comparators | null;
