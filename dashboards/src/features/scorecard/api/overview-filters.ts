import type { AgencyCode, ScorecardIndicator } from '@oscp/contracts';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { isAgencyCode } from '../../../components/scorecard-format';

export type RagFilter = 'red' | 'amber' | 'green' | 'context';
export const ragFilters: RagFilter[] = ['red', 'amber', 'green', 'context'];

/** The overview's state, all of it in the URL so that a link reopens the same view. */
export interface OverviewFilters {
  period?: string;
  snapshot?: string;
  agency?: AgencyCode;
  rags: RagFilter[];
  exceptionsOnly: boolean;
  /** For a signed-off quarter: `latest` shows the newest snapshot's figures instead of the signed-off ones. */
  figures?: 'latest';
}

export function parseOverviewFilters(params: URLSearchParams): OverviewFilters {
  const agency = params.get('agency');
  const rags = (params.get('rag') ?? '')
    .split(',')
    .filter((r): r is RagFilter => (ragFilters as string[]).includes(r));
  return {
    period: params.get('period') || undefined,
    snapshot: params.get('snapshot') || undefined,
    agency: isAgencyCode(agency) ? agency : undefined,
    rags,
    exceptionsOnly: params.get('exceptions') === 'true',
    figures: params.get('figures') === 'latest' ? 'latest' : undefined,
  };
}

export function toSearchParams(filters: OverviewFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.period) params.set('period', filters.period);
  if (filters.snapshot) params.set('snapshot', filters.snapshot);
  if (filters.agency) params.set('agency', filters.agency);
  if (filters.rags.length) params.set('rag', ragFilters.filter((r) => filters.rags.includes(r)).join(','));
  if (filters.exceptionsOnly) params.set('exceptions', 'true');
  if (filters.figures) params.set('figures', filters.figures);
  return params;
}

function ragOf(indicator: ScorecardIndicator): RagFilter | null {
  return indicator.polarity === 'context' ? 'context' : indicator.rag;
}

export function filterIndicators(
  indicators: ScorecardIndicator[],
  filters: OverviewFilters,
): ScorecardIndicator[] {
  return indicators.filter((indicator) => {
    if (filters.agency && indicator.owner !== filters.agency) return false;
    if (filters.exceptionsOnly && !indicator.exception) return false;
    if (filters.rags.length) {
      const rag = ragOf(indicator);
      if (rag === null || !filters.rags.includes(rag)) return false;
    }
    return true;
  });
}

export function hasActiveFilters(filters: OverviewFilters): boolean {
  return !!filters.agency || filters.rags.length > 0 || filters.exceptionsOnly;
}

export function useOverviewFilters(): [OverviewFilters, (change: Partial<OverviewFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseOverviewFilters(params), [params]);
  const update = useCallback(
    (change: Partial<OverviewFilters>) => {
      setParams((current) => toSearchParams({ ...parseOverviewFilters(current), ...change }), {
        replace: false,
      });
    },
    [setParams],
  );
  return [filters, update];
}
