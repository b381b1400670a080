import { previousQuarter } from '@oscp/calendar';
import type { BreakdownEntry, Scorecard, ScorecardIndicator, Unit } from '@oscp/contracts';
import { SUPPRESSED } from './format';

const SMALLEST_SHOWN = 6;

function isSmall(n: number | null): boolean {
  return n !== null && n > 0 && n < SMALLEST_SHOWN;
}

/**
 * Whether a published view must hide a value: a count of 1-5; a percentage or rate whose
 * numerator or denominator is 1-5. Zero is shown.
 */
export function isDisclosive(unit: Unit, numerator: number | null, denominator: number | null): boolean {
  if (unit === 'count') return isSmall(numerator);
  return isSmall(numerator) || isSmall(denominator);
}

function controlBreakdown(entry: BreakdownEntry): BreakdownEntry {
  return isSmall(entry.numerator) || isSmall(entry.denominator)
    ? { key: entry.key, numerator: null, denominator: null, value: null }
    : entry;
}

/** Internal values of the same indicator in other quarters, to check what it shows of them. */
export interface DisclosureContext {
  /** The internal (uncontrolled) indicator of the previous quarter, for `previousValue`. */
  previous?: ScorecardIndicator | null;
  /** Internal indicators of the same code by period, for `trend` points. */
  byPeriod?: ReadonlyMap<string, ScorecardIndicator>;
}

function shownOf(
  unit: Unit,
  other: ScorecardIndicator | undefined | null,
  value: number | null,
): number | null {
  if (value === null) return null;
  // A value we cannot check is only shown when it is a count, whose value is its numerator.
  if (!other) return unit === 'count' && !isSmall(value) ? value : null;
  return isDisclosive(unit, other.numerator, other.denominator) ? null : value;
}

/**
 * The indicator as a published view shows it (`?published=true`, `--published-view`):
 * a disclosive value has numerator, denominator and value null, display `[c]` and status
 * `suppressed`; breakdown entries follow the same rule. RAG, direction and exception stay as
 * computed on the real values. `previousValue` and `trend` points are shown only where the
 * context shows that quarter was not suppressed (counts are checked on their value); without
 * the context they are hidden for percentages and rates.
 */
export function applyDisclosureControl(
  indicator: ScorecardIndicator,
  context: DisclosureContext = {},
): ScorecardIndicator {
  const suppressed =
    indicator.status === 'ok' && isDisclosive(indicator.unit, indicator.numerator, indicator.denominator);
  const controlled: ScorecardIndicator = {
    ...indicator,
    ...(suppressed
      ? {
          numerator: null,
          denominator: null,
          value: null,
          display: SUPPRESSED,
          status: 'suppressed' as const,
        }
      : {}),
    previousValue: shownOf(indicator.unit, context.previous, indicator.previousValue),
    breakdown: indicator.breakdown.map(controlBreakdown),
  };
  if (indicator.trend) {
    controlled.trend = indicator.trend.map((point) => ({
      period: point.period,
      value: shownOf(indicator.unit, context.byPeriod?.get(point.period), point.value),
    }));
  }
  return controlled;
}

/**
 * A whole scorecard as a published view. Pass the internal scorecards by period (as
 * `buildScorecards` returns them) so that previous values and trends can be checked.
 */
export function applyDisclosureControlToScorecard(
  scorecard: Scorecard,
  internalByPeriod?: ReadonlyMap<string, readonly ScorecardIndicator[]>,
): Scorecard {
  const indexByCode = new Map<string, Map<string, ScorecardIndicator>>();
  if (internalByPeriod) {
    for (const [period, indicators] of internalByPeriod) {
      for (const indicator of indicators) {
        let byPeriod = indexByCode.get(indicator.code);
        if (!byPeriod) indexByCode.set(indicator.code, (byPeriod = new Map()));
        byPeriod.set(period, indicator);
      }
    }
  }
  const previous = previousQuarter(scorecard.period);
  return {
    ...scorecard,
    publishedView: true,
    indicators: scorecard.indicators.map((indicator) => {
      const byPeriod = indexByCode.get(indicator.code);
      return applyDisclosureControl(indicator, { previous: byPeriod?.get(previous) ?? null, byPeriod });
    }),
  };
}
