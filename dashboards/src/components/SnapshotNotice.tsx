import type { SnapshotSummary } from '@oscp/contracts';
import { Link } from 'react-router';
import { formatAge, formatDateAtTime } from './scorecard-format';

/** A snapshot as people name it: "Published 4 Dec 2026 at 16:58 - run 12". */
export function snapshotName(
  snapshot: Pick<SnapshotSummary, 'publishedAt' | 'createdAt' | 'runNumber'>,
): string {
  const when = formatDateAtTime(snapshot.publishedAt ?? snapshot.createdAt);
  return `Published ${when}${snapshot.runNumber ? ` - run ${snapshot.runNumber}` : ''}`;
}

export interface SnapshotNoticeProps {
  snapshotId: string | null;
  period: string | null;
  /** When the snapshot's data was loaded (the snapshot's build time). */
  loadedAt: string | null;
  /** The snapshot's entry in the list of published snapshots, when known: its publication and run. */
  summary?: Pick<SnapshotSummary, 'publishedAt' | 'createdAt' | 'runNumber'> | null;
  /** An earlier snapshot was opened with `?snapshot=`: read-only, maybe since revised. */
  earlier: boolean;
  /** Where "the latest" is, for the link out of an earlier snapshot. */
  latestHref: string;
}

/**
 * Every page says which quarter and which published scorecard it shows, named for people (when
 * it was published, by which run); the snapshot's id is there for support, in a details element.
 */
export function SnapshotNotice({
  snapshotId,
  period,
  loadedAt,
  summary,
  earlier,
  latestHref,
}: SnapshotNoticeProps) {
  const name = summary
    ? snapshotName(summary)
    : loadedAt
      ? `Built ${formatDateAtTime(loadedAt)}`
      : 'No scorecard published yet';
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
        <strong data-testid="snapshot-name">{name}</strong>
        {loadedAt ? (
          <>
            {' '}
            · Data loaded <time dateTime={loadedAt}>{formatDateAtTime(loadedAt)}</time> ({formatAge(loadedAt)}
            )
          </>
        ) : null}
      </p>
      {snapshotId ? (
        <details className="govuk-details app-snapshot__details govuk-!-margin-bottom-0">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Snapshot reference for support</span>
          </summary>
          <div className="govuk-details__text">
            <span className="app-snapshot__id">{snapshotId}</span>
          </div>
        </details>
      ) : null}
    </div>
  );
}
