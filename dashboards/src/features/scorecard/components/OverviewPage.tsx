import { Link } from 'react-router';
import { useDocumentTitle } from '../../../app/use-document-title';
import { SnapshotNotice } from '../../../components/SnapshotNotice';
import {
  EmptyState,
  ErrorState,
  hasStatus,
  LoadingState,
  noDataMessage,
} from '../../../components/states/PageStates';
import { themeLabels, themeOrder } from '../../../components/scorecard-format';
import { isAnalyst, useSession } from '../../session/api/session-context';
import { filterIndicators, useOverviewFilters } from '../api/overview-filters';
import { useHealth, useIsEarlierSnapshot, usePeriods, useScorecard } from '../api/scorecard-api';
import { HeadlineStrip } from './HeadlineStrip';
import { ScorecardFilters } from './ScorecardFilters';
import { useCommentaries } from '../../exceptions/api/exceptions-api';
import { SignOffBanner } from './SignOffBanner';
import { ThemeTable } from './ThemeTable';
import { ViewPicker } from './ViewPicker';

export function NoDataYet() {
  const { user } = useSession();
  return (
    <EmptyState title={noDataMessage}>
      <p className="govuk-body">
        The scorecard appears here once the first extracts have been loaded and checked.
        {isAnalyst(user) ? (
          <>
            {' '}
            <Link className="govuk-link" to="/data">
              Upload a file or start a run
            </Link>
            .
          </>
        ) : (
          ' Ask your performance team to load the data.'
        )}
      </p>
    </EmptyState>
  );
}

export function OverviewPage() {
  const [filters, setFilters] = useOverviewFilters();
  const { user } = useSession();
  // The table first: the picker's periods and the health check follow once the scorecard is in.
  const scorecard = useScorecard({
    period: filters.period,
    snapshot: filters.snapshot,
    figures: filters.figures,
  });
  const periods = usePeriods(filters.snapshot, scorecard.isSuccess || scorecard.isError);
  const commentaries = useCommentaries(scorecard.data?.period);
  const health = useHealth(scorecard.isSuccess);
  const earlier = useIsEarlierSnapshot(filters.snapshot);
  useDocumentTitle(scorecard.data ? `Scorecard ${scorecard.data.period}` : 'Scorecard');

  const heading = (
    <h1 className="govuk-heading-l">
      {scorecard.data ? <span className="govuk-caption-l">{scorecard.data.period}</span> : null}
      Partnership scorecard
    </h1>
  );

  if (scorecard.isPending) {
    return (
      <>
        {heading}
        <LoadingState what="the scorecard" />
      </>
    );
  }
  const noData =
    hasStatus(scorecard.error, 404) ||
    (scorecard.isError &&
      periods.data &&
      (periods.data.snapshotId === null || periods.data.periods.length === 0));
  if (noData) {
    return (
      <>
        {heading}
        <NoDataYet />
      </>
    );
  }
  if (scorecard.isError) {
    if (periods.isPending) {
      return (
        <>
          {heading}
          <LoadingState what="the scorecard" />
        </>
      );
    }
    return (
      <>
        {heading}
        <ErrorState
          what="scorecard"
          error={scorecard.error}
          onRetry={() => {
            void periods.refetch();
            void scorecard.refetch();
          }}
        />
      </>
    );
  }

  const card = scorecard.data;
  const shown = filterIndicators(card.indicators, filters);
  const linkParams = new URLSearchParams({ period: card.period });
  if (filters.snapshot) linkParams.set('snapshot', filters.snapshot);
  const linkSearch = `?${linkParams.toString()}`;
  const signOffState = card.signOffState ?? null;
  const revisions = new Map((signOffState?.revisions ?? []).map((revision) => [revision.code, revision]));

  return (
    <div className="app-overview">
      {heading}
      <SnapshotNotice
        snapshotId={card.snapshotId}
        period={card.period}
        loadedAt={card.generatedAt}
        earlier={earlier}
        latestHref="/"
      />
      {signOffState ? (
        <SignOffBanner
          state={signOffState}
          canSwitch={isAnalyst(user)}
          onSwitch={(figures) => setFilters({ figures })}
        />
      ) : null}
      {periods.data ? (
        <ViewPicker periods={periods.data} period={card.period} filters={filters} onChange={setFilters} />
      ) : null}

      <h2 className="govuk-heading-m">Headlines</h2>
      <HeadlineStrip scorecard={card} filters={filters} health={health.data} earlier={earlier} />

      <h2 className="govuk-heading-m app-no-print">Filter indicators</h2>
      <ScorecardFilters filters={filters} onChange={setFilters} indicators={card.indicators} user={user} />

      <h2 className="govuk-heading-m">Indicators</h2>
      <p className="govuk-body" role="status" aria-live="polite" data-testid="shown-count">
        Showing {shown.length} of {card.indicators.length} indicators
      </p>
      {shown.length === 0 ? (
        <p className="govuk-body">No indicators match these filters.</p>
      ) : (
        themeOrder.map((theme) => {
          const inTheme = shown.filter((i) => i.theme === theme);
          if (inTheme.length === 0) return null;
          return (
            <ThemeTable
              key={theme}
              caption={`${themeLabels[theme]}, ${card.period}`}
              indicators={inTheme}
              period={card.period}
              linkSearch={linkSearch}
              commentary={commentaries.data}
              revisions={revisions}
            />
          );
        })
      )}
    </div>
  );
}
