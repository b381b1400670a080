import {
  DATASETS,
  type Dataset,
  type Page,
  type RunDetail,
  type RunStarted,
  type RunSummary,
  type UploadAccepted,
} from '@oscp/contracts';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson, withQuery } from '../../../lib/http';

export const runsQuery = (limit: number, offset: number) =>
  queryOptions({
    queryKey: ['runs', limit, offset],
    queryFn: ({ signal }) => getJson<Page<RunSummary>>('/api/runs', { limit, offset }, signal),
    placeholderData: keepPreviousData,
    // Keep the history fresh while a run is in progress.
    refetchInterval: (query) => (query.state.data?.items.some((r) => r.status === 'running') ? 3000 : false),
  });

/** Findings filters the API applies (to the page and to the CSV download). */
export interface FindingsFilter {
  dataset?: string;
  rule?: string;
}

export const runQuery = (runId: string, limit: number, offset: number, filter: FindingsFilter = {}) =>
  queryOptions({
    queryKey: ['run', runId, limit, offset, filter.dataset ?? '', filter.rule ?? ''],
    queryFn: ({ signal }) =>
      getJson<RunDetail>(
        `/api/runs/${encodeURIComponent(runId)}`,
        { limit, offset, dataset: filter.dataset, rule: filter.rule },
        signal,
      ),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 2000 : false),
  });

export const findingsCsvHref = (runId: string, filter: FindingsFilter = {}) =>
  withQuery(`/api/runs/${encodeURIComponent(runId)}/findings.csv`, { dataset: filter.dataset, rule: filter.rule });

export const useRuns = (limit: number, offset: number) => useQuery(runsQuery(limit, offset));
export const useRun = (runId: string, limit = 100, offset = 0, filter: FindingsFilter = {}) =>
  useQuery(runQuery(runId, limit, offset, filter));

function useRefreshAfterRun() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['runs'] });
    void queryClient.invalidateQueries({ queryKey: ['snapshots'] });
    void queryClient.invalidateQueries({ queryKey: ['health'] });
  };
}

export function useStartRun() {
  const refresh = useRefreshAfterRun();
  return useMutation({
    mutationFn: () => sendJson<RunStarted>('POST', '/api/runs'),
    onSuccess: refresh,
  });
}

export interface UploadInput {
  dataset: string;
  file: File;
  extractDate?: string;
}

export function useUpload() {
  const refresh = useRefreshAfterRun();
  return useMutation({
    mutationFn: ({ dataset, file, extractDate }: UploadInput) => {
      const form = new FormData();
      form.set('dataset', dataset);
      if (extractDate) form.set('extractDate', extractDate);
      form.set('file', file, file.name);
      return sendJson<UploadAccepted>('POST', '/api/submissions', form);
    },
    onSuccess: refresh,
  });
}

const datasetLabels: Record<Dataset, string> = {
  contacts: 'Contacts (MASH front door)',
  referrals: 'Referrals',
  assessments: 'Assessments',
  strategy_discussions: 'Strategy discussions, S47 enquiries and ICPCs',
  cp_plans: 'Child protection plans',
  cp_reviews: 'Review child protection conferences',
  conference_participation: 'Conference participation',
  early_help: 'Early help episodes',
  partner_returns: 'Partner returns (quarterly)',
  population: 'Population (reference)',
  comparators: 'Comparators (reference)',
  bank_holidays: 'Bank holidays (reference)',
};

/**
 * The datasets agencies send (data contract v1), with the words the upload form shows, then the
 * DfE children in need census, whose XML feeds several of them.
 */
export const datasets: { name: Dataset | 'cin_census'; label: string }[] = [
  ...DATASETS.map((name) => ({ name, label: datasetLabels[name] })),
  { name: 'cin_census', label: 'Children in need census (the DfE XML file)' },
];

/** What a children in need census file held, by kind, in the words the data page uses. */
const censusKinds: [key: string, one: string, many: string][] = [
  ['children', 'child', 'children'],
  ['referrals', 'referral', 'referrals'],
  ['assessments', 'assessment', 'assessments'],
  ['strategy_discussions', 'section 47 enquiry', 'section 47 enquiries'],
  ['cp_plans', 'child protection plan', 'child protection plans'],
  ['cp_reviews', 'review', 'reviews'],
];

/** `1 child, 2 referrals, …` from a census file's counts by kind. */
export function censusCountsText(counts: Record<string, number>): string {
  return censusKinds
    .map(([key, one, many]) => {
      const n = counts[key] ?? 0;
      return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
    })
    .join(', ');
}
