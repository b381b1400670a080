import type { AgencyCode, ExceptionReason, Polarity, Role, Target, Theme, Unit } from '@oscp/contracts';

/** Words people read for the codes the API sends. One place, so every page says the same. */

export const themeOrder: Theme[] = ['front_door', 'child_protection', 'neglect', 'priority_themes'];

export const themeLabels: Record<Theme, string> = {
  front_door: 'Front door and responding to need',
  child_protection: 'Child protection and conferences',
  neglect: 'Neglect',
  priority_themes: 'Priority themes',
};

export const agencyLabels: Record<AgencyCode, string> = {
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

export const agencyCodes = Object.keys(agencyLabels) as AgencyCode[];

export function isAgencyCode(value: string | null | undefined): value is AgencyCode {
  return value !== null && value !== undefined && value in agencyLabels;
}

export const unitLabels: Record<Unit, string> = {
  count: 'Number',
  percent: 'Percentage',
  rate10k: 'Rate per 10,000 children aged 0 to 17',
  rate100k: 'Rate per 100,000 children aged 10 to 17',
};

export const polarityLabels: Record<Polarity, string> = {
  higher: 'Higher is better',
  lower: 'Lower is better',
  range: 'Within the target range is best',
  context: 'Context only (no better or worse)',
};

export const roleLabels: Record<Role, string> = {
  viewer: 'Viewer',
  chair: 'Subgroup chair',
  manager: 'Manager',
  analyst: 'Analyst',
  admin: 'Administrator',
};

const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const wholeNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/**
 * Plain numbers the API does not format (comparators, trends, targets, breakdown values):
 * percentages and rates to 1 decimal place, counts as whole numbers. `[x]` when not available.
 */
export function formatNumber(value: number | null | undefined, unit: Unit = 'percent'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '[x]';
  return unit === 'count' ? wholeNumber.format(value) : oneDecimal.format(value);
}

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '[x]' : wholeNumber.format(value);
}

export function unitSuffix(unit: Unit): string {
  return unit === 'percent' ? '%' : '';
}

/** A target as words and numbers: "at least 95.0%", "at most 20.0%", "15.0% to 23.0%", "No target". */
export function formatTarget(target: Target, polarity: Polarity, unit: Unit): string {
  if (target === null) return 'No target';
  const suffix = unitSuffix(unit);
  if (typeof target === 'object') {
    return `${formatNumber(target.low, unit)}${suffix} to ${formatNumber(target.high, unit)}${suffix}`;
  }
  const value = `${formatNumber(target, unit)}${suffix}`;
  if (polarity === 'higher') return `at least ${value}`;
  if (polarity === 'lower') return `at most ${value}`;
  return value;
}

const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

const dateOnly = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'Europe/London',
});

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return 'not yet';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '[x]';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
}

const relative = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });

/** "3 hours ago", "yesterday", "2 days ago": how old the data is. */
export function formatAge(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '';
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return '';
  const minutes = Math.round((now.getTime() - then) / 60_000);
  if (Math.abs(minutes) < 60) return relative.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return relative.format(-hours, 'hour');
  return relative.format(-Math.round(hours / 24), 'day');
}

/** The parts of an indicator the exception reasons are worded from. */
export interface ExceptionFacts {
  exceptionReasons: ExceptionReason[];
  display: string;
  unit: Unit;
  target: Target;
  polarity: Polarity;
  owner: AgencyCode;
}

/**
 * Why an indicator is an exception, in words: "Red: 83.3% against a target of at least 90.0%";
 * "Declining for 2 quarters"; "Health return for 2026-27 Q1 not received and overdue".
 */
export function exceptionReasonTexts(facts: ExceptionFacts, period: string): string[] {
  return facts.exceptionReasons.map((reason) => {
    if (reason === 'red') {
      const suffix = facts.display.startsWith('[') ? '' : unitSuffix(facts.unit);
      return `Red: ${facts.display}${suffix} against a target of ${formatTarget(facts.target, facts.polarity, facts.unit)}`;
    }
    if (reason === 'declining_two_quarters') return 'Declining for 2 quarters';
    return `${agencyLabels[facts.owner] ?? facts.owner} return for ${period} not received and overdue (due 20 working days after the quarter ended)`;
  });
}
