import type { ScorecardIndicator, Unit } from '@oscp/contracts';
import type { BriefingPack } from './briefing-pack';
import {
  AGENCY_LABELS,
  THEME_LABELS,
  THEME_ORDER,
  UNIT_LABELS,
  directionWord,
  exceptionReasonWords,
  ragWord,
  targetWords,
} from './briefing-words';

/** One column of the pack's scorecard table, shared by the XLSX "Scorecard" sheet and the CSV. */
export interface BriefingColumn {
  header: string;
  /** Excel number format for numeric cells; a function when it depends on the indicator's unit. */
  numFmt?: string | ((indicator: ScorecardIndicator) => string);
  width: number;
  value: (indicator: ScorecardIndicator, pack: BriefingPack) => string | number | null;
}

export function valueFormat(unit: Unit): string {
  return unit === 'count' ? '#,##0' : '0.0';
}

const byUnit = (indicator: ScorecardIndicator) => valueFormat(indicator.unit);

export const BRIEFING_COLUMNS: readonly BriefingColumn[] = [
  { header: 'Quarter', width: 11, value: (_, pack) => pack.period },
  { header: 'Code', width: 7, value: (i) => i.code },
  { header: 'Indicator', width: 60, value: (i) => i.title },
  { header: 'Theme', width: 32, value: (i) => THEME_LABELS[i.theme] },
  { header: 'Value', width: 10, numFmt: byUnit, value: (i) => i.value },
  { header: 'Value as shown', width: 10, value: (i) => i.display },
  { header: 'Measured as', width: 30, value: (i) => UNIT_LABELS[i.unit] },
  { header: 'Numerator', width: 11, numFmt: '#,##0', value: (i) => i.numerator },
  { header: 'Denominator', width: 12, numFmt: '#,##0', value: (i) => i.denominator },
  { header: 'Target', width: 16, value: (i) => targetWords(i.target, i.polarity, i.unit) },
  { header: 'Rating', width: 10, value: (i) => ragWord(i.rag, i.polarity) },
  { header: 'Direction since last quarter', width: 18, value: (i) => directionWord(i.direction) },
  { header: 'Last quarter', width: 12, numFmt: byUnit, value: (i) => i.previousValue },
  { header: 'Exception', width: 10, value: (i) => (i.exception ? 'Yes' : 'No') },
  {
    header: 'Why an exception',
    width: 40,
    value: (i, pack) => exceptionReasonWords(i, pack.period).join('; ') || null,
  },
  { header: 'England', width: 10, numFmt: byUnit, value: (i) => i.comparators?.england ?? null },
  { header: 'Region', width: 10, numFmt: byUnit, value: (i) => i.comparators?.region ?? null },
  { header: 'Similar areas', width: 12, numFmt: byUnit, value: (i) => i.comparators?.statNeighbours ?? null },
  { header: 'Comparator year', width: 12, value: (i) => i.comparators?.year ?? null },
  { header: 'Owner agency', width: 24, value: (i) => AGENCY_LABELS[i.owner] },
  { header: 'Commentary', width: 60, value: (i, pack) => pack.commentary.get(i.code) ?? null },
];

/** The scorecard's indicators in the pack's order: by theme, then as the catalogue lists them. */
export function indicatorsInThemeOrder(pack: BriefingPack): ScorecardIndicator[] {
  return THEME_ORDER.flatMap((theme) => pack.scorecard.indicators.filter((i) => i.theme === theme));
}
