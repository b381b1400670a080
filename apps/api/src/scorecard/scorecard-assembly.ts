import { comparePeriods, previousQuarter } from '@oscp/calendar';
import type {
  DataQualityNote,
  IndicatorDefinition,
  PeriodSummary,
  Scorecard,
  ScorecardIndicator,
  TrendPoint,
} from '@oscp/contracts';
import type { SnapshotMeta } from './snapshot-reader';

/**
 * Disclosure control for published outputs (the rules live in `@oscp/scorecard`); the context
 * holds the internal rows of other quarters so previous values and trend points are checked too.
 */
export type Disclose = (
  indicator: ScorecardIndicator,
  context: { previous?: ScorecardIndicator | null; byPeriod?: ReadonlyMap<string, ScorecardIndicator> },
) => ScorecardIndicator;

/** The last `count` quarters of the snapshot up to and including `period`, oldest first. */
export function trendPeriods(periods: readonly PeriodSummary[], period: string, count: number): string[] {
  return periods
    .map((p) => p.period)
    .filter((p) => comparePeriods(p, period) <= 0)
    .sort(comparePeriods)
    .slice(-count);
}

export interface AssembleScorecardInput {
  meta: SnapshotMeta;
  period: string;
  indicators: ScorecardIndicator[];
  /** The scorecard rows of the trend's periods, by period then code. */
  history: Map<string, Map<string, ScorecardIndicator>>;
  trendPeriods: string[];
  /** Set for published views: every row, its previous value and trend included, goes through it. */
  disclose: Disclose | null;
}

/** The `Scorecard` response: the snapshot's facts, the period's rows and each row's trend. */
export function assembleScorecard(input: AssembleScorecardInput): Scorecard {
  const { disclose } = input;
  const previous = previousQuarter(input.period);
  const indicators = input.indicators.map((row) => {
    const byPeriod = new Map<string, ScorecardIndicator>();
    for (const period of input.trendPeriods) {
      const past = input.history.get(period)?.get(row.code);
      if (past) byPeriod.set(period, past);
    }
    const internal: ScorecardIndicator = {
      ...row,
      trend: input.trendPeriods.map((period) => ({ period, value: byPeriod.get(period)?.value ?? null })),
    };
    if (!disclose) return internal;
    const previousRow = input.history.get(previous)?.get(row.code) ?? null;
    return disclose(internal, { previous: previousRow, byPeriod });
  });
  return {
    period: input.period,
    snapshotId: input.meta.snapshotId,
    generatedAt: input.meta.generatedAt,
    runDate: input.meta.runDate,
    regionName: input.meta.regionName,
    publishedView: disclose !== null,
    indicators,
  };
}

/** One quarter of an indicator's detail trend. */
export function trendPoint(period: string, indicator: ScorecardIndicator | undefined): TrendPoint {
  if (!indicator) {
    return {
      period,
      numerator: null,
      denominator: null,
      value: null,
      display: '[x]',
      status: 'no_data',
      target: null,
      rag: null,
      direction: null,
      comparators: null,
    };
  }
  return {
    period,
    numerator: indicator.numerator,
    denominator: indicator.denominator,
    value: indicator.value,
    display: indicator.display,
    status: indicator.status,
    target: indicator.target,
    rag: indicator.rag,
    direction: indicator.direction,
    comparators: indicator.comparators,
  };
}

/**
 * One note per source dataset of the indicator: the runs' figures (validation) plus the
 * snapshot's own (cross-file checks during the build); a dataset nobody mentions had no problems.
 */
export function dataQualityFor(
  definition: IndicatorDefinition,
  ...sources: (readonly DataQualityNote[])[]
): DataQualityNote[] {
  return definition.source.map((dataset) => {
    const notes = sources.flatMap((notesOfSource) =>
      notesOfSource.filter((note) => note.dataset === dataset),
    );
    return {
      dataset,
      quarantinedRows: notes.reduce((sum, note) => sum + note.quarantinedRows, 0),
      rejectedFiles: notes.reduce((sum, note) => sum + note.rejectedFiles, 0),
    };
  });
}
