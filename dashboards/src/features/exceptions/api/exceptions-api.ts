import type {
  Commentary,
  CurrentUser,
  CommentaryChange,
  ExceptionReport,
  ExceptionReportChange,
  ExceptionReportList,
  ExceptionStatus,
  ExceptionTransition,
  HistoryEntry,
  Subgroup,
} from '@oscp/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from '../../../app/api/http';

export interface ExceptionsFilter {
  period?: string;
  subgroup?: string;
  status?: ExceptionStatus;
  indicator?: string;
}

export const exceptionsQuery = (filter: ExceptionsFilter) =>
  queryOptions({
    queryKey: [
      'exceptions',
      filter.period ?? '',
      filter.subgroup ?? '',
      filter.status ?? '',
      filter.indicator ?? '',
    ],
    queryFn: ({ signal }) => getJson<ExceptionReportList>('/api/exceptions', { ...filter }, signal),
    staleTime: 0,
  });

export const useExceptions = (filter: ExceptionsFilter, enabled = true) =>
  useQuery({ ...exceptionsQuery(filter), enabled });

export const exceptionQuery = (id: string) =>
  queryOptions({
    queryKey: ['exception', id],
    queryFn: ({ signal }) =>
      getJson<ExceptionReport>(`/api/exceptions/${encodeURIComponent(id)}`, {}, signal),
    staleTime: 0,
  });

export const useException = (id: string) => useQuery(exceptionQuery(id));

export const useExceptionHistory = (id: string, version: number | undefined) =>
  useQuery({
    queryKey: ['exception-history', id, version ?? 0],
    queryFn: ({ signal }) =>
      getJson<HistoryEntry[]>(`/api/exceptions/${encodeURIComponent(id)}/history`, {}, signal),
    enabled: version !== undefined,
  });

export const useSubgroups = () =>
  useQuery({
    queryKey: ['subgroups'],
    queryFn: ({ signal }) => getJson<Subgroup[]>('/api/subgroups', {}, signal),
    staleTime: 60_000,
  });

function useRefresh() {
  const queryClient = useQueryClient();
  return (report: ExceptionReport) => {
    queryClient.setQueryData(['exception', report.id], report);
    void queryClient.invalidateQueries({ queryKey: ['exceptions'] });
    void queryClient.invalidateQueries({ queryKey: ['exception-history', report.id] });
  };
}

export function useSaveException(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (change: ExceptionReportChange) =>
      sendJson<ExceptionReport>('PATCH', `/api/exceptions/${encodeURIComponent(id)}`, change),
    onSuccess: refresh,
  });
}

export function useTransitionException(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (transition: ExceptionTransition) =>
      sendJson<ExceptionReport>('POST', `/api/exceptions/${encodeURIComponent(id)}/transitions`, transition),
    onSuccess: refresh,
  });
}

export function useOpenException() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { indicatorCode: string; period: string }) =>
      sendJson<ExceptionReport>('POST', '/api/exceptions', body),
    onSuccess: refresh,
  });
}

const slug = (period: string) => period.replace(' ', '-');

export const useCommentaries = (period: string | undefined) =>
  useQuery({
    queryKey: ['commentary', period ?? ''],
    queryFn: ({ signal }) => getJson<Commentary[]>('/api/commentary', { period }, signal),
    enabled: !!period,
  });

export function useSaveCommentary(code: string, period: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: CommentaryChange) =>
      sendJson<Commentary>('PUT', `/api/commentary/${encodeURIComponent(code)}/${slug(period)}`, change),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['commentary', period] }),
  });
}

export const statusLabels: Record<ExceptionStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  returned: 'Returned',
  accepted: 'Accepted',
  closed: 'Closed',
};

export const statusTagClass: Record<ExceptionStatus, string> = {
  draft: 'govuk-tag--grey',
  submitted: 'govuk-tag--blue',
  returned: 'govuk-tag--orange',
  accepted: 'govuk-tag--green',
  closed: 'govuk-tag--grey',
};

/** A chair owes a report of their subgroups that is a draft or was returned. */
export function owedBy(user: CurrentUser | null, report: ExceptionReport): boolean {
  if (!user?.roles.includes('chair')) return false;
  if (report.status !== 'draft' && report.status !== 'returned') return false;
  return report.subgroupIds.some((id) => user.subgroups.includes(id));
}
