import type { PeriodList } from '@oscp/contracts';
import { formatDateTime } from '../../../components/scorecard-format';
import { useSnapshots } from '../../../lib/published-data';
import type { OverviewFilters } from '../api/overview-filters';

export interface ViewPickerProps {
  periods: PeriodList;
  /** The quarter shown (the scorecard's own, so the default quarter is selected too). */
  period: string;
  filters: OverviewFilters;
  onChange: (change: Partial<OverviewFilters>) => void;
}

/** Quarter picker (newest first), and which published snapshot to read, when earlier ones exist. */
export function ViewPicker({ periods, period, filters, onChange }: ViewPickerProps) {
  const snapshots = useSnapshots();
  const snapshotItems = snapshots.data?.items ?? [];
  const current = snapshotItems.find((s) => s.current);
  return (
    <div className="app-view-picker">
      <div className="govuk-form-group app-view-picker__group">
        <label className="govuk-label govuk-label--s" htmlFor="period">
          Quarter
        </label>
        <select
          className="govuk-select"
          id="period"
          name="period"
          value={period}
          onChange={(e) =>
            onChange({ period: e.target.value === periods.defaultPeriod ? undefined : e.target.value })
          }
        >
          {[...periods.periods].reverse().map((p) => (
            <option key={p.period} value={p.period}>
              {p.period}
              {p.period === periods.defaultPeriod ? ' (latest)' : ''}
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
                {formatDateTime(s.publishedAt ?? s.createdAt)}
                {s.current ? ' (latest)' : ''}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </div>
  );
}
