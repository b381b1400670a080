import { quarterMonths, type PeriodList } from '@oscp/contracts';
import { snapshotName } from '../../../components/SnapshotNotice';
import { useSnapshots } from '../api/scorecard-api';
import type { OverviewFilters } from '../api/overview-filters';

export interface ViewPickerProps {
  periods: PeriodList;
  /** The quarter shown (the scorecard's own, so the default quarter is selected too). */
  period: string;
  filters: OverviewFilters;
  onChange: (change: Partial<OverviewFilters>) => void;
}

/** Which quarters the picker offers: those the extracts cover completely, and the one shown. */
export function offeredPeriods(periods: PeriodList, shown: string): string[] {
  return periods.periods
    .filter((p) => p.complete || p.period === shown || p.period === periods.defaultPeriod)
    .map((p) => p.period)
    .reverse();
}

/** "The figures run from April to June 2022 (2022-23 Q1), when the agencies' extracts start." */
export function coverageSentence(periods: PeriodList): string | null {
  const first = periods.coveredFrom ?? periods.periods.find((p) => p.complete)?.period;
  if (!first) return null;
  const months = quarterMonths(first);
  return `The figures run from ${first}${months ? ` (${months})` : ''}, the first quarter the agencies' extracts cover completely.`;
}

/** Quarter picker (newest first), and which published snapshot to read, when earlier ones exist. */
export function ViewPicker({ periods, period, filters, onChange }: ViewPickerProps) {
  const snapshots = useSnapshots();
  const snapshotItems = snapshots.data?.items ?? [];
  const current = snapshotItems.find((s) => s.current);
  const coverage = coverageSentence(periods);
  return (
    <div className="app-view-picker">
      <div className="govuk-form-group app-view-picker__group">
        <label className="govuk-label govuk-label--s" htmlFor="period">
          Quarter
        </label>
        {coverage ? (
          <div className="govuk-hint" id="period-hint" data-testid="coverage">
            {coverage}
          </div>
        ) : null}
        <select
          className="govuk-select"
          id="period"
          name="period"
          aria-describedby={coverage ? 'period-hint' : undefined}
          value={period}
          onChange={(e) =>
            onChange({ period: e.target.value === periods.defaultPeriod ? undefined : e.target.value })
          }
        >
          {offeredPeriods(periods, period).map((p) => (
            <option key={p} value={p}>
              {p}
              {p === periods.defaultPeriod ? ' (latest)' : ''}
            </option>
          ))}
        </select>
      </div>
      {snapshotItems.length > 1 ? (
        <div className="govuk-form-group app-view-picker__group">
          <label className="govuk-label govuk-label--s" htmlFor="snapshot">
            Snapshot
          </label>
          <select
            className="govuk-select"
            id="snapshot"
            name="snapshot"
            value={filters.snapshot ?? current?.id ?? ''}
            onChange={(e) => {
              const chosen = snapshotItems.find((s) => s.id === e.target.value);
              const keepPeriod = chosen && filters.period && chosen.periods.includes(filters.period);
              onChange({
                snapshot: !chosen || chosen.current ? undefined : chosen.id,
                period: keepPeriod ? filters.period : undefined,
              });
            }}
          >
            {snapshotItems.map((s) => (
              <option key={s.id} value={s.id}>
                {snapshotName(s)}
                {s.current ? ' (latest)' : ''}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </div>
  );
}
