import { Link } from 'react-router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { FilterDisclosure } from '../../../components/forms/FilterDisclosure';
import { PrintRunningHeader } from '../../../components/PrintRunningHeader';
import { SnapshotNotice } from '../../../components/SnapshotNotice';
import { DirectionKey, SymbolKey } from '../../../components/tags/DirectionKey';
import { ErrorState, hasStatus, LoadingState } from '../../../components/states/PageStates';
import { themeLabels, themeOrder } from '../../../components/scorecard-format';
import { isAnalyst, useSession } from '../../../lib/session/session-context';
import { filterIndicators, useOverviewFilters } from '../api/overview-filters';
import { overviewPrintHeader } from '../api/print-header';
import {
  useHealth,
  useIsEarlierSnapshot,
  usePeriods,
  useScorecard,
  useSnapshotSummary,
} from '../../../lib/published-data';
import { HeadlineStrip } from './HeadlineStrip';
import { ScorecardFilters } from './ScorecardFilters';
import { useCommentaries } from '../../../lib/exceptions-api';
import { ChairOwedNotice } from '../../../components/exceptions/ChairOwedNotice';
import { SignOffBanner } from '../../../components/SignOffBanner';
import { ThemeTable } from './ThemeTable';
import { ScorecardDownloads } from './ScorecardDownloads';
import { ViewPicker } from './ViewPicker';
import { NoDataYet } from '../../../components/states/NoDataYet';

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
  const summary = useSnapshotSummary(scorecard.data?.snapshotId);
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
  if (filters.figures) linkParams.set('figures', filters.figures);
  const linkSearch = `?${linkParams.toString()}`;
  const signOffState = card.signOffState ?? null;
  const revisions = new Map((signOffState?.revisions ?? []).map((revision) => [revision.code, revision]));
  // The files are the current snapshot's scorecard: say so when this page shows other figures.
  const showingOtherFigures =
    earlier ||
    (!filters.snapshot &&
      ((signOffState?.figures === 'signed_off' && signOffState.revisions.length > 0) ||
        (!!periods.data?.snapshotId && periods.data.snapshotId !== card.snapshotId)));

  return (
    <div className="app-overview">
      <PrintRunningHeader text={overviewPrintHeader(card, summary)} />
      {heading}
      {card.notice ? (
        <div className="govuk-warning-text" role="alert" data-testid="stand-in-notice">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {card.notice}
          </strong>
        </div>
      ) : null}
      <SnapshotNotice
        snapshotId={card.snapshotId}
        period={card.period}
        loadedAt={card.generatedAt}
        summary={summary}
        earlier={earlier}
        latestHref="/"
      />
      {earlier ? null : <ChairOwedNotice period={card.period} />}
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

      <section className="app-reading-key" aria-labelledby="reading-key-heading">
        <h2 className="govuk-heading-m" id="reading-key-heading">
          How to read the scorecard
        </h2>
        <p className="govuk-body">
          Each row is one indicator: its value this quarter, the target, a RAG rating (Red, Amber, Green, or
          Context where there is no target), which way it moved since last quarter and its trend.{' '}
          <Link className="govuk-link" to="/guide">
            Read the guide to the scorecard
          </Link>{' '}
          for a worked example.
        </p>
        <div className="app-keys">
          <DirectionKey />
          <SymbolKey />
        </div>
      </section>

      <h2 className="govuk-heading-m app-no-print">Filter indicators</h2>
      <FilterDisclosure>
        <ScorecardFilters filters={filters} onChange={setFilters} indicators={card.indicators} user={user} />
      </FilterDisclosure>

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
              regionName={card.regionName}
            />
          );
        })
      )}

      <ScorecardDownloads period={card.period} user={user} showingOtherFigures={showingOtherFigures} />
    </div>
  );
}
