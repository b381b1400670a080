import type { BriefingSummary, SignOff } from '@oscp/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from '../../../lib/http';
import { periodSlug } from '../../../lib/signoffs-api';

export type BriefingFormat = 'pdf' | 'xlsx' | 'csv';

/** The download address of a quarter's pack in one format. */
export function briefingHref(period: string, format: BriefingFormat, published: boolean): string {
  return `/api/briefings/${periodSlug(period)}.${format}${published ? '?published=true' : ''}`;
}

/** The pack's print page (the HTML the PDF is printed from). */
export function briefingPrintHref(period: string, published: boolean): string {
  return `/api/briefings/${periodSlug(period)}.html${published ? '?published=true' : ''}`;
}

export const briefingSummaryQuery = (period: string) =>
  queryOptions({
    queryKey: ['briefing', period],
    queryFn: ({ signal }) =>
      getJson<BriefingSummary>(`/api/briefings/${periodSlug(period)}`, undefined, signal),
  });

export const useBriefingSummary = (period: string | undefined) =>
  useQuery({ ...briefingSummaryQuery(period ?? ''), enabled: !!period });

/** Sign-off changes what every page shows for the quarter: refresh them all. */
function useInvalidateQuarter() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['briefing'] }),
      client.invalidateQueries({ queryKey: ['signoffs'] }),
      client.invalidateQueries({ queryKey: ['scorecard'] }),
    ]);
}

export function useSignOff() {
  const invalidate = useInvalidateQuarter();
  return useMutation({
    mutationFn: (input: { period: string; snapshotId: string; note?: string }) =>
      sendJson<SignOff>('POST', '/api/signoffs', input),
    onSuccess: invalidate,
  });
}

export function useWithdrawSignOff() {
  const invalidate = useInvalidateQuarter();
  return useMutation({
    mutationFn: (input: { id: string; reason: string }) =>
      sendJson<SignOff>('DELETE', `/api/signoffs/${encodeURIComponent(input.id)}`, { reason: input.reason }),
    onSuccess: invalidate,
  });
}
