import type { Health, Page, PeriodList, Scorecard, SnapshotSummary } from '@oscp/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
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

export const usePeriods = (snapshot?: string) => useQuery(periodsQuery(snapshot));
export const useScorecard = (selection: SnapshotSelection) => useQuery(scorecardQuery(selection));
export const useSnapshots = () => useQuery(snapshotsQuery());
export const useHealth = () => useQuery(healthQuery());
