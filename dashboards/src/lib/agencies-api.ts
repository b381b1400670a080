import type { Agency, AgencyView } from '@oscp/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from './http';

export const agenciesQuery = () =>
  queryOptions({
    queryKey: ['agencies'],
    queryFn: ({ signal }) => getJson<Agency[]>('/api/agencies', undefined, signal),
  });

export const useAgencies = () => useQuery(agenciesQuery());

export const agencyViewQuery = (code: string, period: string | undefined) =>
  queryOptions({
    queryKey: ['agency-view', code, period ?? 'default'],
    queryFn: ({ signal }) =>
      getJson<AgencyView>(`/api/agencies/${encodeURIComponent(code)}/view`, { period }, signal),
  });

export const useAgencyView = (code: string | undefined, period: string | undefined) =>
  useQuery({ ...agencyViewQuery(code ?? '', period), enabled: !!code });

/** `PATCH /api/agencies/:code` (administrators): only the fields sent change. */
export interface AgencyChange {
  name?: string;
  returnDueWorkingDays?: number;
  contactEmail?: string | null;
  retired?: boolean;
}

export function useChangeAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, change }: { code: string; change: AgencyChange }) =>
      sendJson<Agency>('PATCH', `/api/agencies/${encodeURIComponent(code)}`, change),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['agencies'] }),
  });
}
