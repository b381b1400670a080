import type { SignOff } from '@oscp/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from './http';

/** `2024-25 Q3` → `2024-25-Q3`, as the API's query parameters and paths take a quarter. */
export function periodSlug(period: string): string {
  return period.replace(' ', '-');
}

/** `GET /api/signoffs?period=`: a quarter's sign-offs, withdrawn ones included, newest first. */
export const signOffsQuery = (period: string) =>
  queryOptions({
    queryKey: ['signoffs', period],
    queryFn: ({ signal }) =>
      getJson<{ items: SignOff[]; total: number }>('/api/signoffs', { period: periodSlug(period) }, signal),
  });

export const useSignOffs = (period: string | undefined) =>
  useQuery({ ...signOffsQuery(period ?? ''), enabled: !!period });

/** The sign-off in force among a quarter's sign-offs (a withdrawn one no longer applies), or null. */
export function signOffInForce(signOffs: readonly SignOff[] | undefined): SignOff | null {
  return signOffs?.find((signOff) => signOff.withdrawnAt === null) ?? null;
}

/**
 * The sign-off in force for a quarter, for every page that shows one: null while loading, when
 * the quarter is not signed off, and when the list cannot be read (the page still works without it).
 */
export function useQuarterSignOff(period: string | undefined): SignOff | null {
  const signOffs = useSignOffs(period);
  return signOffInForce(signOffs.data?.items);
}
