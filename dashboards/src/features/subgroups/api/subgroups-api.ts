import type { CatalogueIndicator, Subgroup } from '@oscp/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from '../../../lib/http';

/** The catalogue's indicators, to assign to subgroups (they change only with a new release). */
export const useCatalogueIndicators = () =>
  useQuery({
    queryKey: ['catalogue-indicators'],
    queryFn: ({ signal }) => getJson<CatalogueIndicator[]>('/api/indicators', {}, signal),
    staleTime: Infinity,
  });

/** `POST /api/subgroups` (administrators). */
export interface NewSubgroup {
  name: string;
  indicatorCodes: string[];
}

/** `PATCH /api/subgroups/:id` (administrators): only the fields sent change. */
export interface SubgroupChange {
  name?: string;
  indicatorCodes?: string[];
  retired?: boolean;
}

export function useAddSubgroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (subgroup: NewSubgroup) => sendJson<Subgroup>('POST', '/api/subgroups', subgroup),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['subgroups'] }),
  });
}

export function useChangeSubgroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: SubgroupChange }) =>
      sendJson<Subgroup>('PATCH', `/api/subgroups/${encodeURIComponent(id)}`, change),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['subgroups'] }),
  });
}
