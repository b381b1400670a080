import {
  describeDirection,
  formatDisplay,
  formatTarget,
  isSmallNumber,
  SMALL_NUMBER_WORDS,
  type Scorecard,
  type ScorecardIndicator,
} from '@oscp/contracts';

/**
 * The flat, one-row-per-indicator shape of a scorecard, shared by the Arrow, CSV and XLSX
 * outputs so that they carry the same columns with the same meaning.
 */

export type FlatCell = string | number | boolean | null;

export interface ScorecardColumn {
  name: string;
  kind: 'text' | 'number' | 'boolean';
  value: (indicator: ScorecardIndicator, scorecard: Scorecard) => FlatCell;
}

function singleTarget(indicator: ScorecardIndicator): number | null {
  return typeof indicator.target === 'number' ? indicator.target : null;
}

function rangeTarget(indicator: ScorecardIndicator): { low: number; high: number } | null {
  return indicator.target !== null && typeof indicator.target === 'object' ? indicator.target : null;
}

function directionShown(indicator: ScorecardIndicator): string {
  return describeDirection({
    direction: indicator.direction,
    polarity: indicator.polarity,
    value: indicator.value,
    previousValue: indicator.previousValue,
    hasPreviousQuarter: indicator.trend ? indicator.trend.length > 1 : undefined,
  }).text;
}

export const SCORECARD_COLUMNS: readonly ScorecardColumn[] = [
  { name: 'period', kind: 'text', value: (_, scorecard) => scorecard.period },
  { name: 'code', kind: 'text', value: (i) => i.code },
  { name: 'title', kind: 'text', value: (i) => i.title },
  { name: 'theme', kind: 'text', value: (i) => i.theme },
  { name: 'unit', kind: 'text', value: (i) => i.unit },
  { name: 'polarity', kind: 'text', value: (i) => i.polarity },
  { name: 'owner', kind: 'text', value: (i) => i.owner },
  { name: 'numerator', kind: 'number', value: (i) => i.numerator },
  { name: 'denominator', kind: 'number', value: (i) => i.denominator },
  { name: 'value', kind: 'number', value: (i) => i.value },
  { name: 'display', kind: 'text', value: (i) => i.display },
  // As the dashboard shows it, from the same formatter: "95.6%", "7,791", "519.4 per 10,000 children".
  { name: 'value_shown', kind: 'text', value: (i) => formatDisplay(i.display, i.unit) },
  { name: 'status', kind: 'text', value: (i) => i.status },
  { name: 'rag', kind: 'text', value: (i) => i.rag },
  { name: 'direction', kind: 'text', value: (i) => i.direction },
  // "↑ Worse", "↓ Better", "→ No change", "Context: ↑ up", or why there is none.
  { name: 'direction_shown', kind: 'text', value: directionShown },
  { name: 'previous_value', kind: 'number', value: (i) => i.previousValue },
  { name: 'exception', kind: 'boolean', value: (i) => i.exception },
  { name: 'exception_reasons', kind: 'text', value: (i) => i.exceptionReasons.join(';') },
  { name: 'target', kind: 'number', value: singleTarget },
  { name: 'target_low', kind: 'number', value: (i) => rangeTarget(i)?.low ?? null },
  { name: 'target_high', kind: 'number', value: (i) => rangeTarget(i)?.high ?? null },
  { name: 'target_shown', kind: 'text', value: (i) => formatTarget(i.target, i.polarity, i.unit) },
  { name: 'tolerance', kind: 'number', value: (i) => i.tolerance },
  { name: 'target_source', kind: 'text', value: (i) => i.targetSource },
  { name: 'comparator_year', kind: 'text', value: (i) => i.comparators?.year ?? null },
  { name: 'comparator_england', kind: 'number', value: (i) => i.comparators?.england ?? null },
  { name: 'comparator_region', kind: 'number', value: (i) => i.comparators?.region ?? null },
  { name: 'comparator_stat_neighbours', kind: 'number', value: (i) => i.comparators?.statNeighbours ?? null },
  { name: 'comparator_note', kind: 'text', value: (i) => i.comparators?.note ?? null },
  {
    name: 'caution',
    kind: 'text',
    value: (i) => (isSmallNumber(i.unit, i.denominator) ? SMALL_NUMBER_WORDS : null),
  },
];

/** Each indicator as the list of its column values, in `SCORECARD_COLUMNS` order. */
export function scorecardRows(scorecard: Scorecard): FlatCell[][] {
  return scorecard.indicators.map((indicator) =>
    SCORECARD_COLUMNS.map((column) => column.value(indicator, scorecard)),
  );
}
