import type { AgencyCode } from './datasets';
import type { Direction, Polarity, Target, Theme, Unit } from './scorecard';

/**
 * How every figure reads, in the dashboard and in the exports alike: thousands separators, the
 * unit on values and targets ("95.6%", "at least 95.0%", "519.4 per 10,000 children"), the
 * statistical symbols, and the direction of travel as an arrow (which way the number moved) and
 * a word (whether that is better or worse). No rounding of computed values happens here: an
 * indicator's `display` string is already rounded exactly by the scorecard rules; plain numbers
 * (targets, comparators, trend points) are rounded half away from zero as written in decimal.
 */

/** Statistical symbols (GSS) and what they mean, for a visible key. */
export const STATISTICAL_SYMBOLS = [
  { symbol: '[x]', meaning: 'not available' },
  { symbol: '[z]', meaning: 'not applicable' },
  { symbol: '[c]', meaning: 'confidential (a small number, hidden to protect children)' },
] as const;

const SYMBOL_PATTERN = /^\[[xzc]\]$/;

const oneDecimal = new Intl.NumberFormat('en-GB', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  roundingMode: 'halfExpand',
});
const wholeNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0, roundingMode: 'halfExpand' });

/** What follows a number of each unit: `%`, ` per 10,000 children`, … (nothing for a count). */
export const UNIT_SUFFIX: Record<Unit, string> = {
  count: '',
  percent: '%',
  rate10k: ' per 10,000 children',
  rate100k: ' per 100,000 children aged 10 to 17',
};

/** The unit in words, for a label or a column header. */
export const UNIT_NAMES: Record<Unit, string> = {
  count: 'Number',
  percent: 'Percentage',
  rate10k: 'Rate per 10,000 children aged 0 to 17',
  rate100k: 'Rate per 100,000 children aged 10 to 17',
};

/** Puts thousands separators into a number already written as digits: `7791` → `7,791`, `1069.1` → `1,069.1`. */
export function groupDigits(written: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(written);
  if (!match) return written;
  const [, sign = '', whole = '', fraction = ''] = match;
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`;
}

/**
 * A plain number without its unit: counts whole (`1,369`), percentages and rates to 1 decimal
 * place (`95.6`, `1,069.1`); `[x]` when there is none.
 */
export function formatNumber(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '[x]';
  return unit === 'count' ? wholeNumber.format(value) : oneDecimal.format(value);
}

/** A plain number with its unit: `95.6%`, `1,369`, `519.4 per 10,000 children`; `[x]` when there is none. */
export function formatValue(value: number | null | undefined, unit: Unit): string {
  const number = formatNumber(value, unit);
  return number === '[x]' ? number : `${number}${UNIT_SUFFIX[unit]}`;
}

/**
 * The exception reason for an overdue partner return, the same on every page and in the pack:
 * "Health return for 2026-27 Q1 not received, 20 working days overdue" (without the count when
 * the snapshot did not record one).
 */
export function partnerReturnMissingWords(
  agencyName: string,
  period: string,
  workingDaysOverdue: number | undefined,
): string {
  const start = `${agencyName} return for ${period} not received`;
  if (workingDaysOverdue === undefined) return `${start} and overdue`;
  return `${start}, ${groupDigits(String(workingDaysOverdue))} working day${workingDaysOverdue === 1 ? '' : 's'} overdue`;
}

/**
 * An indicator's `display` string (already rounded exactly) as people read it: grouped and with
 * its unit (`95.6%`, `7,791`, `519.4 per 10,000 children`); a symbol (`[x]`, `[z]`, `[c]`) as it is.
 */
export function formatDisplay(display: string, unit: Unit): string {
  if (SYMBOL_PATTERN.test(display) || !/^-?\d+(\.\d+)?$/.test(display)) return display;
  return `${groupDigits(display)}${UNIT_SUFFIX[unit]}`;
}

/** A target in words and numbers: `at least 95.0%`, `at most 20.0%`, `15.0% to 23.0%`, `No target`. */
export function formatTarget(target: Target, polarity: Polarity, unit: Unit): string {
  if (target === null) return 'No target';
  if (typeof target === 'object') {
    return `${formatNumber(target.low, unit)}${UNIT_SUFFIX[unit]} to ${formatValue(target.high, unit)}`;
  }
  const value = formatValue(target, unit);
  if (polarity === 'higher') return `at least ${value}`;
  if (polarity === 'lower') return `at most ${value}`;
  return value;
}

export type Arrow = '↑' | '↓' | '→';

/** The direction of travel as shown: the arrow, the words, and both together (`↑ Worse`). */
export interface DirectionShown {
  /** Which way the number moved; null when there is no direction. */
  arrow: Arrow | null;
  /** `Better`, `Worse`, `No change`, `Context: ↑ up`, or why there is no direction. */
  words: string;
  /** Arrow and words together, as a table cell or an export shows them. */
  text: string;
  /** `better`, `worse`, `no_change`, `context` or `none`: for styling, never the only signal. */
  tone: 'better' | 'worse' | 'no_change' | 'context' | 'none';
}

/** Why an indicator has no direction of travel this quarter. */
export type NoDirectionReason = 'no_value' | 'no_previous_value' | 'first_quarter';

export const NO_DIRECTION_WORDS: Record<NoDirectionReason, string> = {
  no_value: 'No value this quarter',
  no_previous_value: 'No value last quarter',
  first_quarter: 'No earlier quarter to compare with',
};

export interface DirectionInput {
  direction: Direction | null;
  polarity: Polarity;
  value: number | null;
  previousValue: number | null;
  /** False when the data starts this quarter, so there is nothing to compare with. */
  hasPreviousQuarter?: boolean;
}

/** Why there is no direction: this quarter has no value, last quarter had none, or there was no last quarter. */
export function noDirectionReason(input: DirectionInput): NoDirectionReason {
  if (input.value === null) return 'no_value';
  if (input.hasPreviousQuarter === false) return 'first_quarter';
  return 'no_previous_value';
}

function movedArrow(value: number | null, previousValue: number | null): Arrow | null {
  if (value === null || previousValue === null) return null;
  if (value > previousValue) return '↑';
  if (value < previousValue) return '↓';
  return '→';
}

/**
 * The direction of travel in one meaning everywhere: the arrow shows which way the number moved
 * and the word says whether that is better or worse (`↑ Worse`, `↓ Better`, `→ No change`);
 * context indicators say only which way they moved (`Context: ↑ up`). With no direction, the
 * words say why (`No value this quarter`).
 */
export function describeDirection(input: DirectionInput): DirectionShown {
  const { direction, polarity } = input;
  if (direction === null) {
    const words = NO_DIRECTION_WORDS[noDirectionReason(input)];
    return { arrow: null, words, text: words, tone: 'none' };
  }
  if (direction === 'no_change')
    return { arrow: '→', words: 'No change', text: '→ No change', tone: 'no_change' };
  if (direction === 'up' || direction === 'down') {
    const arrow: Arrow = direction === 'up' ? '↑' : '↓';
    const words = `Context: ${arrow} ${direction}`;
    return { arrow, words, text: words, tone: 'context' };
  }
  // Better or worse: the arrow follows the movement; without both values, the polarity tells it.
  const better = direction === 'improving';
  const fromPolarity: Arrow | null =
    polarity === 'higher' ? (better ? '↑' : '↓') : polarity === 'lower' ? (better ? '↓' : '↑') : null;
  const arrow = movedArrow(input.value, input.previousValue) ?? fromPolarity;
  const words = better ? 'Better' : 'Worse';
  return { arrow, words, text: arrow ? `${arrow} ${words}` : words, tone: better ? 'better' : 'worse' };
}

/** The direction key, once per page: what each arrow and word means. */
export const DIRECTION_KEY: readonly { example: string; meaning: string }[] = [
  { example: '↑ Better', meaning: 'the number went up, and for this indicator higher is better' },
  { example: '↓ Better', meaning: 'the number went down, and for this indicator lower is better' },
  { example: '↑ Worse', meaning: 'the number went up, and for this indicator lower is better' },
  { example: '↓ Worse', meaning: 'the number went down, and for this indicator higher is better' },
  {
    example: '→ No change',
    meaning: 'the number moved less than the amount this indicator treats as a real change',
  },
  {
    example: 'Context: ↑ up',
    meaning: 'a context indicator (no better or worse) went up; "Context: ↓ down" went down',
  },
];

/** A percentage whose denominator is under this is a small number: interpret with care. */
export const SMALL_DENOMINATOR = 10;

/** True for a percentage worked out from fewer than 10 cases, which one case can swing a long way. */
export function isSmallNumber(unit: Unit, denominator: number | null): boolean {
  return unit === 'percent' && denominator !== null && denominator > 0 && denominator < SMALL_DENOMINATOR;
}

export const SMALL_NUMBER_WORDS = 'small number: interpret with care';

/** `2024-25 Q1` → `April to June 2024`: the months a financial-year quarter covers. */
export function quarterMonths(period: string): string | null {
  const match = /^(\d{4})-\d{2} Q([1-4])$/.exec(period);
  if (!match) return null;
  const startYear = Number(match[1]);
  const quarter = Number(match[2]);
  const months = [
    ['April', 'June', startYear],
    ['July', 'September', startYear],
    ['October', 'December', startYear],
    ['January', 'March', startYear + 1],
  ] as const;
  const [from, to, year] = months[quarter - 1] ?? months[0];
  return `${from} to ${to} ${year}`;
}

/** The scorecard's themes in the order every page and export shows them. */
export const THEME_ORDER: readonly Theme[] = ['front_door', 'child_protection', 'neglect', 'priority_themes'];

/** A theme's name as people read it: the same on the dashboard and in the briefing pack. */
export const THEME_NAMES: Record<Theme, string> = {
  front_door: 'Front door and responding to need',
  child_protection: 'Child protection and conferences',
  neglect: 'Neglect',
  priority_themes: 'Priority themes',
};

/** An agency's name as people read it, for the codes of the data contract. */
export const AGENCY_NAMES: Record<AgencyCode, string> = {
  CSC: "Children's social care",
  EARLY_HELP: 'Early help',
  POLICE: 'Police',
  HEALTH: 'Health',
  EDUCATION: 'Education',
  PROBATION: 'Probation',
  HOUSING: 'Housing',
  YJS: 'Youth justice',
  SARC: 'Sexual assault referral centre',
  OSCP: 'Safeguarding partnership',
  OTHER: 'Other agencies',
};
