import {
  AGENCY_CODES,
  AGENCY_NAMES,
  THEME_NAMES,
  THEME_ORDER,
  formatDisplay,
  formatNumber,
  formatTarget,
  partnerReturnMissingWords,
  UNIT_NAMES,
  UNIT_SUFFIX,
  type AgencyCode,
  type ExceptionReason,
  type Polarity,
  type Role,
  type Target,
  type Theme,
  type Unit,
} from '@oscp/contracts';

// Numbers, values and targets read the same on every page and in the exports: one formatter.
export { formatDisplay, formatNumber, formatTarget, formatValue } from '@oscp/contracts';

/** Words people read for the codes the API sends. One place, so every page says the same. */

export const themeOrder: Theme[] = [...THEME_ORDER];

export const themeLabels: Record<Theme, string> = THEME_NAMES;

export const agencyLabels: Record<AgencyCode, string> = AGENCY_NAMES;

export const agencyCodes: AgencyCode[] = [...AGENCY_CODES];

export function isAgencyCode(value: string | null | undefined): value is AgencyCode {
  return value !== null && value !== undefined && value in agencyLabels;
}

/** The unit in words (one definition, in `@oscp/contracts`, for the dashboard and the exports). */
export const unitLabels: Record<Unit, string> = UNIT_NAMES;

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

/** Whole numbers with thousands separators; `[x]` when not available. */
/**
 * The heading of the `region` comparators: the local authority's own region as the snapshot names
 * it (`North West` for Oldham), or "Region" where it does not say.
 */
export function regionLabel(regionName: string | null | undefined): string {
  return regionName || 'Region';
}

export function formatCount(value: number | null | undefined): string {
  return formatNumber(value, 'count');
}

/** What follows a number of this unit: `%`, ` per 10,000 children`, or nothing for a count. */
export function unitSuffix(unit: Unit): string {
  return UNIT_SUFFIX[unit];
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

const timeOnly = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** "4 Dec 2026 at 16:58" (UK time). */
export function formatDateAtTime(iso: string | null | undefined): string {
  if (!iso) return 'not yet';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${dateOnly.format(date)} at ${timeOnly.format(date)}`;
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
  /** With `partner_return_missing`: working days overdue on the run date (absent in older snapshots). */
  partnerReturnWorkingDaysOverdue?: number;
}

/**
 * Why an indicator is an exception, in words: "Red: 83.3% against a target of at least 90.0%";
 * "Declining for 2 quarters"; "Health return for 2026-27 Q1 not received, 20 working days overdue".
 */
export function exceptionReasonTexts(facts: ExceptionFacts, period: string): string[] {
  return facts.exceptionReasons.map((reason) => {
    if (reason === 'red') {
      return `Red: ${formatDisplay(facts.display, facts.unit)} against a target of ${formatTarget(facts.target, facts.polarity, facts.unit)}`;
    }
    if (reason === 'declining_two_quarters') return 'Declining for 2 quarters';
    return partnerReturnMissingWords(
      agencyLabels[facts.owner] ?? facts.owner,
      period,
      facts.partnerReturnWorkingDaysOverdue,
    );
  });
}
