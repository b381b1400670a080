import { comparePeriods, financialYearOf, previousQuarter, WorkingDayCalendar } from '@oscp/calendar';
import type {
  BreakdownEntry,
  Direction,
  IndicatorDefinition,
  ScorecardIndicator,
  ValueStatus,
} from '@oscp/contracts';
import { catalogue, isPartnerReturnIndicator } from './catalogue';
import { comparatorLookup } from './comparators';
import { directionFor } from './direction';
import { exceptionReasonsFor, partnerReturnStanding, type PartnerReturnStanding } from './exceptions';
import { formatDisplay } from './format';
import type { IndicatorMeasure, ScorecardBuildInput } from './measures';
import type { Rational } from './rational';
import { ragFor } from './rag';
import { targetInForce } from './targets';
import { computeValue, exactValue } from './value';

/** One indicator in one period after the value rules, before comparing with other periods. */
interface Evaluated {
  measure: IndicatorMeasure | undefined;
  status: ValueStatus;
  numerator: number | null;
  denominator: number | null;
  exact: Rational | null;
  partnerReturn: PartnerReturnStanding | null;
}

const key = (code: string, period: string): string => `${code}|${period}`;

function evaluate(
  def: IndicatorDefinition,
  period: string,
  measure: IndicatorMeasure | undefined,
  runDate: string,
  calendar: WorkingDayCalendar,
  dueWorkingDays: number | undefined,
): Evaluated {
  const partnerReturn = isPartnerReturnIndicator(def)
    ? partnerReturnStanding(period, measure?.ownReturnMissing ?? false, runDate, calendar, dueWorkingDays)
    : null;
  const none = (
    status: ValueStatus,
    numerator: number | null = null,
    denominator: number | null = null,
  ): Evaluated => ({
    measure,
    status,
    numerator,
    denominator,
    exact: null,
    partnerReturn,
  });

  const returnMissing = partnerReturn?.state === 'awaited' || partnerReturn?.state === 'overdue';
  if (!measure || measure.status === 'no_data' || measure.numerator === null || returnMissing) {
    // A missing own return is `[x]` whatever else was sent for the period.
    return none(partnerReturn?.state === 'awaited' ? 'awaited' : 'no_data');
  }
  if (measure.status === 'not_applicable' || (def.unit === 'percent' && measure.denominator === 0)) {
    return none('not_applicable', measure.numerator, measure.denominator);
  }
  const exact = exactValue(def.unit, measure.numerator, measure.denominator);
  // A rate without a population cannot be worked out.
  if (exact === null) return none('no_data');
  return {
    measure,
    status: 'ok',
    numerator: measure.numerator,
    denominator: measure.denominator,
    exact,
    partnerReturn,
  };
}

function breakdownOf(measure: IndicatorMeasure | undefined, status: ValueStatus): BreakdownEntry[] {
  if (!measure || status !== 'ok') return [];
  // FD06's entries are shares of the total, CP07/CP08's each agency's own percentage: both
  // are 100 × numerator / denominator of the entry.
  return measure.breakdown.map((entry) => ({
    key: entry.key,
    numerator: entry.numerator,
    denominator: entry.denominator,
    value: computeValue('percent', entry.numerator, entry.denominator),
  }));
}

/**
 * Every indicator of the catalogue, in catalogue order, for every period present in the
 * measures (oldest first): value and display, target in force and RAG, direction against the
 * previous quarter's measure, exception and its reasons, comparators and breakdown. An
 * indicator without a measure for a period is `[x]`. Internal view: apply
 * `applyDisclosureControl` for published views.
 */
export function buildScorecards(input: ScorecardBuildInput): Map<string, ScorecardIndicator[]> {
  const calendar = new WorkingDayCalendar(input.extraHolidays);
  const measures = new Map<string, IndicatorMeasure>();
  const periodSet = new Set<string>();
  for (const measure of input.measures) {
    measures.set(key(measure.code, measure.period), measure);
    periodSet.add(measure.period);
  }
  const periods = [...periodSet].sort(comparePeriods);
  const comparators = comparatorLookup(input.comparators);

  const evaluated = new Map<string, Evaluated>();
  const evaluatedFor = (def: IndicatorDefinition, period: string): Evaluated => {
    const k = key(def.code, period);
    let result = evaluated.get(k);
    if (!result) {
      result = evaluate(
        def,
        period,
        measures.get(k),
        input.runDate,
        calendar,
        input.returnDueWorkingDays?.[def.owner],
      );
      evaluated.set(k, result);
    }
    return result;
  };
  const directionAt = (def: IndicatorDefinition, period: string): Direction | null => {
    const previous = previousQuarter(period);
    if (!periodSet.has(previous)) return null;
    const target = targetInForce(def, financialYearOf(period), input.overrides).target;
    return directionFor(def, evaluatedFor(def, period).exact, evaluatedFor(def, previous).exact, target);
  };

  const result = new Map<string, ScorecardIndicator[]>();
  for (const period of periods) {
    const financialYear = financialYearOf(period);
    const previous = previousQuarter(period);
    result.set(
      period,
      catalogue.map((def): ScorecardIndicator => {
        const current = evaluatedFor(def, period);
        const before = periodSet.has(previous) ? evaluatedFor(def, previous) : null;
        const inForce = targetInForce(def, financialYear, input.overrides);
        const rag = ragFor(def, inForce.target, inForce.tolerance, current.exact);
        const direction = directionAt(def, period);
        const exceptionReasons = exceptionReasonsFor({
          rag,
          direction,
          previousDirection: periodSet.has(previous) ? directionAt(def, previous) : null,
          partnerReturn: current.partnerReturn?.state ?? null,
        });
        const overdueBy = exceptionReasons.includes('partner_return_missing')
          ? (current.partnerReturn?.workingDaysOverdue ?? null)
          : null;
        return {
          code: def.code,
          title: def.title,
          theme: def.theme,
          unit: def.unit,
          polarity: def.polarity,
          owner: def.owner,
          subgroups: [...def.subgroups],
          numerator: current.numerator,
          denominator: current.denominator,
          value:
            current.status === 'ok' ? computeValue(def.unit, current.numerator, current.denominator) : null,
          display: formatDisplay(def.unit, current.numerator, current.denominator, current.status),
          status: current.status,
          target: inForce.target,
          tolerance: inForce.tolerance,
          targetSource: inForce.source,
          rag,
          direction,
          previousValue:
            before && before.status === 'ok'
              ? computeValue(def.unit, before.numerator, before.denominator)
              : null,
          exception: exceptionReasons.length > 0,
          exceptionReasons,
          ...(overdueBy !== null ? { partnerReturnWorkingDaysOverdue: overdueBy } : {}),
          comparators: comparators(def.code, period),
          breakdown: breakdownOf(current.measure, current.status),
        };
      }),
    );
  }
  return result;
}
