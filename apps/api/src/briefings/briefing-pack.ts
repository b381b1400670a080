import type {
  DataQualityNote,
  IndicatorDefinition,
  RagCounts,
  Scorecard,
  ScorecardIndicator,
  SignOff,
} from '@oscp/contracts';
import { exceptionReasonWords } from './briefing-words';

/** The protective marking of the internal pack; the published pack carries none. */
export const INTERNAL_MARKING = 'OFFICIAL-SENSITIVE';
export const DRAFT_WATERMARK = 'DRAFT - not signed off';

/** One action of an accepted exception report, as the pack prints it. */
export interface BriefingAction {
  action: string;
  ownerAgency: string;
  dueDate: string | null;
  status: string;
  overdue: boolean;
}

/** An accepted exception report's words, where one exists for an exception indicator. */
export interface BriefingReport {
  cause: string | null;
  impact: string | null;
  actions: BriefingAction[];
  trajectory: string | null;
  escalation: string | null;
}

export interface BriefingException {
  indicator: ScorecardIndicator;
  reasons: string[];
  /** Each trend point as shown: a number's display, or a symbol. */
  trend: { period: string; value: number | null; shown: string }[];
  report: BriefingReport | null;
}

export interface BriefingIndicatorChange {
  code: string;
  title: string;
  now: string;
  before: string;
}

/** Everything a format needs: built once from one snapshot, then rendered as PDF, XLSX or CSV. */
export interface BriefingPack {
  partnership: string;
  period: string;
  previousPeriod: string;
  snapshotId: string;
  /** When the snapshot was built: the pack's date, so the same inputs give the same bytes. */
  generatedAt: string;
  runDate: string;
  published: boolean;
  marking: string | null;
  signOff: SignOff | null;
  draft: boolean;
  scorecard: Scorecard;
  counts: RagCounts;
  previousCounts: RagCounts | null;
  newlyRed: BriefingIndicatorChange[];
  recovered: BriefingIndicatorChange[];
  exceptions: BriefingException[];
  returnsMissing: {
    code: string;
    title: string;
    owner: string;
    state: 'missing' | 'awaited';
    /** Working days a missing return was overdue on the run date, when the snapshot recorded it. */
    workingDaysOverdue: number | null;
  }[];
  /** Indicator commentary by code (internal pack only). */
  commentary: ReadonlyMap<string, string>;
  definitions: IndicatorDefinition[];
  dataQuality: BriefingDataQuality[];
}

/** A dataset's data quality as the pack shows it; `quarantinedRows` null = suppressed (1 to 5, published pack). */
export interface BriefingDataQuality {
  dataset: string;
  quarantinedRows: number | null;
  rejectedFiles: number;
}

export function ragCounts(indicators: readonly ScorecardIndicator[]): RagCounts {
  const counts: RagCounts = { red: 0, amber: 0, green: 0, context: 0, noRag: 0 };
  for (const indicator of indicators) {
    if (indicator.polarity === 'context') counts.context += 1;
    else if (indicator.rag === null) counts.noRag += 1;
    else counts[indicator.rag] += 1;
  }
  return counts;
}

export interface AssembleBriefingInput {
  partnership: string;
  /** The quarter's scorecard (disclosure-controlled for the published pack), with trends. */
  scorecard: Scorecard;
  /** The same quarter without disclosure control, to tell a suppressed trend point from a missing one. */
  internal: Scorecard;
  /** The previous quarter's scorecard from the same snapshot, or null when it has none. */
  previous: Scorecard | null;
  signOff: SignOff | null;
  definitions: readonly IndicatorDefinition[];
  dataQuality: readonly DataQualityNote[];
  /** Accepted exception reports of the quarter by indicator code (internal pack only). */
  reports?: ReadonlyMap<string, BriefingReport>;
  commentary?: ReadonlyMap<string, string>;
}

/** Builds the pack's content: headlines, exceptions and appendix from one snapshot's scorecards. */
export function assembleBriefingPack(input: AssembleBriefingInput): BriefingPack {
  const { scorecard, previous } = input;
  const published = scorecard.publishedView;
  const before = new Map(previous?.indicators.map((indicator) => [indicator.code, indicator]) ?? []);
  const internalByCode = new Map(input.internal.indicators.map((indicator) => [indicator.code, indicator]));
  const change = (indicator: ScorecardIndicator): BriefingIndicatorChange => ({
    code: indicator.code,
    title: indicator.title,
    now: indicator.rag ?? 'none',
    before: before.get(indicator.code)?.rag ?? 'none',
  });
  const newlyRed = scorecard.indicators.filter(
    (indicator) =>
      indicator.rag === 'red' && before.has(indicator.code) && before.get(indicator.code)?.rag !== 'red',
  );
  const recovered = scorecard.indicators.filter(
    (indicator) =>
      before.get(indicator.code)?.rag === 'red' && indicator.rag !== null && indicator.rag !== 'red',
  );
  // Every exception, and every indicator with an accepted report (a report can be opened by hand).
  const exceptions: BriefingException[] = scorecard.indicators
    .filter((indicator) => indicator.exception || input.reports?.has(indicator.code))
    .map((indicator) => {
      const internalTrend = internalByCode.get(indicator.code)?.trend ?? [];
      const trend = (indicator.trend ?? []).map((point, index) => {
        const hidden = point.value === null && (internalTrend[index]?.value ?? null) !== null;
        return {
          period: point.period,
          value: point.value,
          shown: point.value === null ? (hidden ? '[c]' : '[x]') : String(point.value),
        };
      });
      return {
        indicator,
        reasons: exceptionReasonWords(indicator, scorecard.period),
        trend,
        // Report narrative is internal: the published pack shows the figures and the reasons only.
        report: published ? null : (input.reports?.get(indicator.code) ?? null),
      };
    });
  const returnsMissing = scorecard.indicators
    .filter(
      (indicator) =>
        indicator.exceptionReasons.includes('partner_return_missing') || indicator.status === 'awaited',
    )
    .map((indicator) => ({
      code: indicator.code,
      title: indicator.title,
      owner: indicator.owner,
      state: indicator.status === 'awaited' ? ('awaited' as const) : ('missing' as const),
      workingDaysOverdue: indicator.partnerReturnWorkingDaysOverdue ?? null,
    }));
  return {
    partnership: input.partnership,
    period: scorecard.period,
    previousPeriod: previous?.period ?? '',
    snapshotId: scorecard.snapshotId,
    generatedAt: scorecard.generatedAt,
    runDate: scorecard.runDate,
    published,
    marking: published ? null : INTERNAL_MARKING,
    signOff: input.signOff,
    draft: input.signOff === null,
    scorecard,
    counts: ragCounts(scorecard.indicators),
    previousCounts: previous ? ragCounts(previous.indicators) : null,
    newlyRed: newlyRed.map(change),
    recovered: recovered.map(change),
    exceptions,
    returnsMissing,
    // Commentary is internal: the published pack carries none.
    commentary: published ? new Map() : (input.commentary ?? new Map()),
    definitions: [...input.definitions],
    dataQuality: input.dataQuality.map((note) => controlDataQuality(note, published)),
  };
}

/** Published pack: quarantined-row counts of 1 to 5 are suppressed, like any small count. */
function controlDataQuality(note: DataQualityNote, published: boolean): BriefingDataQuality {
  const small = note.quarantinedRows > 0 && note.quarantinedRows < 6;
  return { ...note, quarantinedRows: published && small ? null : note.quarantinedRows };
}
