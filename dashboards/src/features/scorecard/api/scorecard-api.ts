import type { Health, Page, PeriodList, Scorecard, SnapshotSummary } from '@oscp/contracts';
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { getJson } from '../../../app/api/http';

/** Which published data a page shows: a quarter, and an earlier snapshot when one is opened. */
export interface SnapshotSelection {
  period?: string;
  snapshot?: string;
}

export const periodsQuery = (snapshot?: string) =>
  queryOptions({
    queryKey: ['periods', snapshot ?? 'current'],
    queryFn: ({ signal }) => getJson<PeriodList>('/api/periods', { snapshot }, signal),
  });

export const scorecardQuery = ({ period, snapshot }: SnapshotSelection) =>
  queryOptions({
    queryKey: ['scorecard', snapshot ?? 'current', period ?? 'default'],
    queryFn: ({ signal }) => getJson<Scorecard>('/api/scorecard', { period, snapshot }, signal),
  });

export const snapshotsQuery = () =>
  queryOptions({
    queryKey: ['snapshots'],
    queryFn: ({ signal }) =>
      getJson<Page<SnapshotSummary>>('/api/snapshots', { limit: 50, offset: 0 }, signal),
    retry: false,
  });

export const healthQuery = () =>
  queryOptions({
    queryKey: ['health'],
    queryFn: ({ signal }) => getJson<Health>('/api/health', undefined, signal),
    retry: false,
  });

export const usePeriods = (snapshot?: string, enabled = true) =>
  useQuery({ ...periodsQuery(snapshot), enabled });
export const useScorecard = (selection: SnapshotSelection) => useQuery(scorecardQuery(selection));
export const useSnapshots = () => useQuery(snapshotsQuery());
/** The published snapshot's entry (publication time, run number), once the list is in. */
export function useSnapshotSummary(snapshotId: string | null | undefined): SnapshotSummary | null {
  const snapshots = useQuery({ ...snapshotsQuery(), enabled: !!snapshotId });
  return snapshots.data?.items.find((s) => s.id === snapshotId) ?? null;
}
/** True when `?snapshot=` names a snapshot other than the current one (read-only, maybe revised since). */
export function useIsEarlierSnapshot(snapshot: string | undefined): boolean {
  const snapshots = useQuery({ ...snapshotsQuery(), enabled: !!snapshot });
  if (!snapshot) return false;
  const current = snapshots.data?.items.find((s) => s.current);
  return current ? current.id !== snapshot : true;
}

export const useHealth = (enabled = true) => useQuery({ ...healthQuery(), enabled });

/**
 * On a first visit to the overview, ask for the scorecard at once, beside the session check,
 * instead of after it. Without a session it answers 401, which is not reported as an expired
 * session; the page asks again once signed in.
 */
export function prefetchLandingScorecard(queryClient: QueryClient, location: Location): void {
  if (location.pathname !== '/') return;
  const params = new URLSearchParams(location.search);
  const selection = {
    period: params.get('period') || undefined,
    snapshot: params.get('snapshot') || undefined,
  };
  const { queryKey } = scorecardQuery(selection);
  void queryClient.prefetchQuery({
    queryKey,
    queryFn: ({ signal }) =>
      getJson<Scorecard>('/api/scorecard', selection, signal, { reportUnauthorized: false }),
    retry: false,
  });
}
