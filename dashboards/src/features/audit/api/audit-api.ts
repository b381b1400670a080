import type { AuditEntry, Page } from '@oscp/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { getJson, withQuery } from '../../../lib/http';

/** The filters as the user picks them: whole days (London time), the "to" day included. */
export interface AuditFilter {
  action?: string;
  actorEmail?: string;
  /** YYYY-MM-DD */
  from?: string;
  /** YYYY-MM-DD, included */
  to?: string;
}

const offsetFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  timeZoneName: 'longOffset',
});

/**
 * Midnight at the start of a day in London as an ISO instant with its offset: "2026-07-01" →
 * "2026-07-01T00:00:00+01:00". The UK changes clocks at 01:00 UTC, so the offset at 00:00 UTC that
 * day is the one in force at local midnight.
 */
export function londonMidnight(day: string): string {
  const offsetName =
    offsetFormat.formatToParts(new Date(`${day}T00:00:00Z`)).find((p) => p.type === 'timeZoneName')?.value ??
    '';
  const offset = /GMT([+-]\d{2}:\d{2})/.exec(offsetName)?.[1] ?? '+00:00';
  return `${day}T00:00:00${offset}`;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

const isDay = (value: string | undefined): value is string => !!value && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The API's query: `from` inclusive, `to` exclusive, so "to" is the start of the day after. */
export function auditQueryParams(filter: AuditFilter): Record<string, string | undefined> {
  return {
    action: filter.action?.trim() || undefined,
    actorEmail: filter.actorEmail?.trim() || undefined,
    from: isDay(filter.from) ? londonMidnight(filter.from) : undefined,
    to: isDay(filter.to) ? londonMidnight(nextDay(filter.to)) : undefined,
  };
}

export const auditQuery = (filter: AuditFilter, limit: number, offset: number) =>
  queryOptions({
    queryKey: ['audit', auditQueryParams(filter), limit, offset],
    queryFn: ({ signal }) =>
      getJson<Page<AuditEntry>>('/api/audit', { ...auditQueryParams(filter), limit, offset }, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

export const useAudit = (filter: AuditFilter, limit: number, offset: number) =>
  useQuery(auditQuery(filter, limit, offset));

/** The same filters as the table, every matching entry, oldest first. */
export const auditCsvHref = (filter: AuditFilter) => withQuery('/api/audit.csv', auditQueryParams(filter));

/** Action prefixes the API records, offered as suggestions (any prefix works). */
export const actionPrefixes = ['auth.', 'user.', 'upload.', 'run.', 'target.', 'export.', 'records.'];
