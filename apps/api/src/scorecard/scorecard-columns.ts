import {
  describeDirection,
  formatDisplay,
  formatTarget,
  isSmallNumber,
  SMALL_NUMBER_WORDS,
  type Scorecard,
  type ScorecardIndicator,
  type Unit,
} from '@oscp/contracts';

/** The scorecard's Arrow stream (`scorecard-arrow.ts`, loaded only when one is asked for). */
export const ARROW_STREAM_CONTENT_TYPE = 'application/vnd.apache.arrow.stream';

/**
 * The flat, one-row-per-indicator shape of a scorecard, shared by the Arrow, CSV and XLSX
 * outputs so that they carry the same columns with the same meaning.
 */

export type FlatCell = string | number | boolean | null;

export interface ScorecardColumn {
  /** The machine name (the Arrow field). */
  name: string;
  /** The plain-English column heading of the CSV and XLSX exports. */
  header: string;
  kind: 'text' | 'number' | 'boolean';
  /** The Excel number format of a number column (it may depend on the indicator's unit). */
  numFmt?: (indicator: ScorecardIndicator) => string;
  value: (indicator: ScorecardIndicator, scorecard: Scorecard) => FlatCell;
}

/** Counts with thousands separators; percentages and rates to one decimal place, as shown. */
export function valueNumberFormat(unit: Unit): string {
  return unit === 'count' ? '#,##0' : '0.0';
}

const inUnit = (indicator: ScorecardIndicator) => valueNumberFormat(indicator.unit);
const wholeNumber = () => '#,##0';

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
  { name: 'period', header: 'Quarter', kind: 'text', value: (_, scorecard) => scorecard.period },
  { name: 'code', header: 'Code', kind: 'text', value: (i) => i.code },
  { name: 'title', header: 'Indicator', kind: 'text', value: (i) => i.title },
  { name: 'theme', header: 'Theme', kind: 'text', value: (i) => i.theme },
  { name: 'unit', header: 'Measured as', kind: 'text', value: (i) => i.unit },
  { name: 'polarity', header: 'Polarity (which way is better)', kind: 'text', value: (i) => i.polarity },
  { name: 'owner', header: 'Owner agency', kind: 'text', value: (i) => i.owner },
  { name: 'numerator', header: 'Numerator', numFmt: wholeNumber, kind: 'number', value: (i) => i.numerator },
  {
    name: 'denominator',
    header: 'Denominator',
    numFmt: wholeNumber,
    kind: 'number',
    value: (i) => i.denominator,
  },
  { name: 'value', header: 'Value', numFmt: inUnit, kind: 'number', value: (i) => i.value },
  { name: 'display', header: 'Value as shown', kind: 'text', value: (i) => i.display },
  // As the dashboard shows it, from the same formatter: "95.6%", "7,791", "519.4 per 10,000 children".
  {
    name: 'value_shown',
    header: 'Value with its unit',
    kind: 'text',
    value: (i) => formatDisplay(i.display, i.unit),
  },
  { name: 'status', header: 'Value status', kind: 'text', value: (i) => i.status },
  { name: 'rag', header: 'RAG rating', kind: 'text', value: (i) => i.rag },
  { name: 'direction', header: 'Direction', kind: 'text', value: (i) => i.direction },
  // "↑ Worse", "↓ Better", "→ No change", "Context: ↑ up", or why there is none.
  { name: 'direction_shown', header: 'Direction since last quarter', kind: 'text', value: directionShown },
  {
    name: 'previous_value',
    header: 'Last quarter',
    numFmt: inUnit,
    kind: 'number',
    value: (i) => i.previousValue,
  },
  { name: 'exception', header: 'Exception', kind: 'boolean', value: (i) => i.exception },
  {
    name: 'exception_reasons',
    header: 'Why an exception',
    kind: 'text',
    value: (i) => i.exceptionReasons.join(';'),
  },
  { name: 'target', header: 'Target', numFmt: inUnit, kind: 'number', value: singleTarget },
  {
    name: 'target_low',
    header: 'Target range from',
    numFmt: inUnit,
    kind: 'number',
    value: (i) => rangeTarget(i)?.low ?? null,
  },
  {
    name: 'target_high',
    header: 'Target range to',
    numFmt: inUnit,
    kind: 'number',
    value: (i) => rangeTarget(i)?.high ?? null,
  },
  {
    name: 'target_shown',
    header: 'Target as shown',
    kind: 'text',
    value: (i) => formatTarget(i.target, i.polarity, i.unit),
  },
  { name: 'tolerance', header: 'Tolerance', numFmt: inUnit, kind: 'number', value: (i) => i.tolerance },
  { name: 'target_source', header: 'Target set by', kind: 'text', value: (i) => i.targetSource },
  {
    name: 'comparator_year',
    header: 'Comparator year',
    kind: 'text',
    value: (i) => i.comparators?.year ?? null,
  },
  {
    name: 'comparator_england',
    header: 'England',
    numFmt: inUnit,
    kind: 'number',
    value: (i) => i.comparators?.england ?? null,
  },
  {
    name: 'comparator_region',
    header: 'Region',
    numFmt: inUnit,
    kind: 'number',
    value: (i) => i.comparators?.region ?? null,
  },
  {
    name: 'comparator_stat_neighbours',
    header: 'Statistical neighbours',
    numFmt: inUnit,
    kind: 'number',
    value: (i) => i.comparators?.statNeighbours ?? null,
  },
  {
    name: 'comparator_note',
    header: 'Comparator note',
    kind: 'text',
    value: (i) => i.comparators?.note ?? null,
  },
  {
    name: 'caution',
    header: 'Caution',
    kind: 'text',
    value: (i) => (isSmallNumber(i.unit, i.denominator) ? SMALL_NUMBER_WORDS : null),
  },
];

/** What the CSV and XLSX exports add to each row: the quarter's commentary, by indicator code. */
export type CommentaryByCode = ReadonlyMap<string, string>;

export const COMMENTARY_HEADER = 'Commentary';

/**
 * An indicator's commentary for the export: internal only, so never in a published view
 * whatever the caller passed.
 */
export function exportedCommentary(
  scorecard: Scorecard,
  indicator: ScorecardIndicator,
  commentary: CommentaryByCode,
): string | null {
  if (scorecard.publishedView) return null;
  return commentary.get(indicator.code) ?? null;
}
