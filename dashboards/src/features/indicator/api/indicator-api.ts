import type { IndicatorDetail, IndicatorRecord, Page } from '@oscp/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../../../lib/http';

export type RecordPart = 'numerator' | 'denominator';

export interface IndicatorSelection {
  code: string;
  period?: string;
  snapshot?: string;
  /** For a signed-off quarter: the latest figures instead of the signed-off ones. */
  figures?: 'latest';
}

export const indicatorQuery = ({ code, period, snapshot, figures }: IndicatorSelection) =>
  queryOptions({
    queryKey: ['indicator', code, snapshot ?? 'current', period ?? 'default', figures ?? 'signed_off'],
    queryFn: ({ signal }) =>
      getJson<IndicatorDetail>(
        `/api/indicators/${encodeURIComponent(code)}`,
        { quarters: 8, period, snapshot, figures },
        signal,
      ),
  });

export interface RecordsSelection {
  code: string;
  period: string;
  part: RecordPart;
  limit: number;
  offset: number;
  snapshot?: string;
}

export const indicatorRecordsQuery = ({ code, period, part, limit, offset, snapshot }: RecordsSelection) =>
  queryOptions({
    queryKey: ['indicator-records', code, snapshot ?? 'current', period, part, limit, offset],
    queryFn: ({ signal }) =>
      getJson<Page<IndicatorRecord>>(
        `/api/indicators/${encodeURIComponent(code)}/records`,
        { period, part, limit, offset, snapshot },
        signal,
      ),
    placeholderData: keepPreviousData,
  });

export const useIndicator = (selection: IndicatorSelection) => useQuery(indicatorQuery(selection));
export const useIndicatorRecords = (selection: RecordsSelection) =>
  useQuery(indicatorRecordsQuery(selection));
