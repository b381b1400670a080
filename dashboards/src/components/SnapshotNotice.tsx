import { Link } from 'react-router';
import { formatAge, formatDateTime } from './scorecard-format';

export interface SnapshotNoticeProps {
  snapshotId: string | null;
  period: string | null;
  /** When the snapshot's data was loaded (the snapshot's build time). */
  loadedAt: string | null;
  /** An earlier snapshot was opened with `?snapshot=`: read-only, maybe since revised. */
  earlier: boolean;
  /** Where "the latest" is, for the link out of an earlier snapshot. */
  latestHref: string;
}

/** Every page says which snapshot and quarter it shows and when its data was loaded. */
export function SnapshotNotice({ snapshotId, period, loadedAt, earlier, latestHref }: SnapshotNoticeProps) {
  return (
    <div className={`app-snapshot${earlier ? ' app-snapshot--earlier' : ''}`} data-testid="snapshot-notice">
      {earlier ? (
        <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
          <strong className="govuk-tag govuk-tag--yellow app-tag">Earlier snapshot</strong> Read only: you are
          looking at the scorecard as it was published. Figures may have been revised since.{' '}
          <Link className="govuk-link" to={latestHref}>
            View the latest scorecard
          </Link>
        </p>
      ) : null}
      <p className="govuk-body-s govuk-!-margin-bottom-0">
        {period ? (
          <>
            Quarter <strong>{period}</strong> ·{' '}
          </>
        ) : null}
        Snapshot <strong className="app-snapshot__id">{snapshotId ?? 'none published'}</strong>
        {loadedAt ? (
          <>
            {' '}
            · Data loaded <time dateTime={loadedAt}>{formatDateTime(loadedAt)}</time> ({formatAge(loadedAt)})
          </>
        ) : null}
      </p>
    </div>
  );
}
