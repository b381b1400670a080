import type {
  AgencyCode,
  Direction,
  ExceptionReason,
  Polarity,
  Rag,
  ScorecardIndicator,
  Target,
  Theme,
  Unit,
} from '@oscp/contracts';
import { partnerReturnMissingWords } from '@oscp/contracts';
import { AGENCY_NAMES, THEME_NAMES, THEME_ORDER as SHARED_THEME_ORDER } from '@oscp/contracts';
import { formatInteger, formatOneDecimal } from '@oscp/scorecard';

/** Words the briefing pack uses for the codes in a scorecard: one place for PDF, XLSX and CSV. */

export const THEME_ORDER: readonly Theme[] = SHARED_THEME_ORDER;

export const THEME_LABELS: Record<Theme, string> = THEME_NAMES;

/** Sheet names (31 characters at most, no `/ \ ? * [ ]`). */
export const THEME_SHEET_NAMES: Record<Theme, string> = {
  front_door: 'Front door',
  child_protection: 'Child protection',
  neglect: 'Neglect',
  priority_themes: 'Priority themes',
};

export const AGENCY_LABELS: Record<AgencyCode, string> = AGENCY_NAMES;

export const UNIT_LABELS: Record<Unit, string> = {
  count: 'Number',
  percent: 'Percentage',
  rate10k: 'Rate per 10,000 children aged 0 to 17',
  rate100k: 'Rate per 100,000 children aged 10 to 17',
};

export function ragWord(rag: Rag | null, polarity: Polarity): string {
  if (polarity === 'context') return 'Context';
  if (rag === null) return 'No rating';
  return { red: 'Red', amber: 'Amber', green: 'Green' }[rag];
}

export function directionWord(direction: Direction | null): string {
  if (direction === null) return 'No previous value';
  return {
    improving: 'Improving',
    declining: 'Declining',
    no_change: 'No change',
    up: 'Up',
    down: 'Down',
  }[direction];
}

/** A plain number as the pack shows it: 1 decimal place for percentages and rates, whole counts. */
export function formatNumber(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return '[x]';
  return unit === 'count' ? formatInteger(value) : formatOneDecimal(value);
}

export function unitSuffix(unit: Unit): string {
  return unit === 'percent' ? '%' : '';
}

/** The indicator's value with its unit: `83.3%`, `1,069.1 per 10,000`, `2043`, `[x]`. */
export function valueWithUnit(indicator: Pick<ScorecardIndicator, 'display' | 'unit'>): string {
  if (indicator.display.startsWith('[')) return indicator.display;
  return `${indicator.display}${unitSuffix(indicator.unit)}`;
}

/** "at least 90%", "at most 20%", "15% to 23%", "No target". */
export function targetWords(target: Target, polarity: Polarity, unit: Unit): string {
  if (target === null) return 'No target';
  const suffix = unitSuffix(unit);
  const shown = (value: number) => `${formatOneDecimal(value).replace(/\.0$/, '')}${suffix}`;
  if (typeof target === 'object') return `${shown(target.low)} to ${shown(target.high)}`;
  return polarity === 'lower' ? `at most ${shown(target)}` : `at least ${shown(target)}`;
}

/** Why an indicator is an exception, in words: "Red: 83.3% against a target of at least 90%". */
export function exceptionReasonWords(indicator: ScorecardIndicator, period: string): string[] {
  return indicator.exceptionReasons.map((reason: ExceptionReason) => {
    switch (reason) {
      case 'red':
        return `Red: ${valueWithUnit(indicator)} against a target of ${targetWords(indicator.target, indicator.polarity, indicator.unit)}`;
      case 'declining_two_quarters':
        return 'Declining for 2 quarters';
      case 'partner_return_missing':
        return partnerReturnMissingWords(
          AGENCY_LABELS[indicator.owner],
          period,
          indicator.partnerReturnWorkingDaysOverdue,
        );
    }
  });
}
