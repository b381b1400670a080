import { formatDisplay, type DataQualityNote } from '@oscp/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { SignOffBanner } from '../../../components/SignOffBanner';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { SnapshotNotice } from '../../../components/SnapshotNotice';
import { exceptionReasonTexts, formatCount, formatTarget } from '../../../components/scorecard-format';
import { EmptyState, ErrorState, hasStatus, LoadingState } from '../../../components/states/PageStates';
import { DataTable, type Column } from '../../../components/tables/DataTable';
import { DirectionTag } from '../../../components/tags/DirectionTag';
import { RagTag, SmallNumberNote } from '../../../components/tags/RagTag';
import { isAnalyst, useSession } from '../../../lib/session/session-context';
import { scorecardQuery, useIsEarlierSnapshot, useSnapshotSummary } from '../../../lib/published-data';
import { IndicatorCommentary } from '../../../components/exceptions/IndicatorCommentary';
import { IndicatorExceptions } from '../../../components/exceptions/IndicatorExceptions';
import { useIndicator } from '../api/indicator-api';
import { IndicatorBreakdown } from './IndicatorBreakdown';
import { IndicatorDefinition } from './IndicatorDefinition';
import { IndicatorRecords } from './IndicatorRecords';
import { IndicatorTrend } from './IndicatorTrend';

const qualityColumns: Column<DataQualityNote>[] = [
  { key: 'dataset', header: 'Dataset', rowHeader: true, cell: (n) => n.dataset },
  { key: 'rows', header: 'Rows quarantined', numeric: true, cell: (n) => formatCount(n.quarantinedRows) },
  { key: 'files', header: 'Files rejected', numeric: true, cell: (n) => formatCount(n.rejectedFiles) },
];

export function IndicatorPage() {
  const { code = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') || undefined;
  const snapshot = params.get('snapshot') || undefined;
  // For a signed-off quarter the signed-off figures, unless an analyst asks for the latest.
  const figures = params.get('figures') === 'latest' ? ('latest' as const) : undefined;
  const { user } = useSession();
  const indicator = useIndicator({ code, period, snapshot, figures });
  // The snapshot's load time comes with the scorecard of the same figures.
  const scorecard = useQuery({
    ...scorecardQuery({ period: indicator.data?.period, snapshot, figures }),
    enabled: !!indicator.data,
  });
  const switchFigures = (next: 'latest' | undefined) => {
    const search = new URLSearchParams(params);
    if (next) search.set('figures', next);
    else search.delete('figures');
    setParams(search);
  };
  const earlier = useIsEarlierSnapshot(snapshot);
  const summary = useSnapshotSummary(indicator.data?.snapshotId);
  useDocumentTitle(
    indicator.data
      ? `${indicator.data.definition.code} ${indicator.data.definition.title}`
      : `Indicator ${code}`,
  );

  const back = new URLSearchParams();
  if (period) back.set('period', period);
  if (snapshot) back.set('snapshot', snapshot);
  if (figures) back.set('figures', figures);
  const backHref = `/${back.size ? `?${back.toString()}` : ''}`;
  const backLink = (
    <Link className="govuk-back-link" to={backHref}>
      Back to the scorecard
    </Link>
  );

  if (indicator.isPending) {
    return (
      <>
        {backLink}
        <h1 className="govuk-heading-l">Indicator {code}</h1>
        <LoadingState what="the indicator" />
      </>
    );
  }
  if (indicator.isError) {
    return (
      <>
        {backLink}
        <h1 className="govuk-heading-l">Indicator {code}</h1>
        {hasStatus(indicator.error, 404) ? (
          <EmptyState title="No such indicator, or no data for it yet">
            <p className="govuk-body">
              Check the indicator code in the address, or go back to the scorecard.
            </p>
          </EmptyState>
        ) : (
          <ErrorState what="indicator" error={indicator.error} onRetry={() => void indicator.refetch()} />
        )}
      </>
    );
  }

  const detail = indicator.data;
  const d = detail.definition;
  const current = detail.current;
  const latestParams = new URLSearchParams({ period: detail.period });
  return (
    <>
      {backLink}
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">
          {d.code} · {detail.period}
        </span>
        {d.title}
      </h1>
      <SnapshotNotice
        snapshotId={detail.snapshotId}
        period={detail.period}
        loadedAt={scorecard.data?.snapshotId === detail.snapshotId ? scorecard.data.generatedAt : null}
        summary={summary}
        earlier={earlier}
        latestHref={`/indicators/${encodeURIComponent(code)}?${latestParams.toString()}`}
      />
      {detail.signOffState ? (
        <SignOffBanner
          state={detail.signOffState}
          canSwitch={isAnalyst(user)}
          onSwitch={switchFigures}
          indicator={{ code: d.code, unit: current.unit }}
        />
      ) : null}
      <ul className="app-headlines app-headlines--indicator" aria-label={`${d.code} in ${detail.period}`}>
        <li className="app-headline">
          <span className="app-headline__label">Value</span>
          <span className="app-headline__value" data-testid="indicator-value">
            {formatDisplay(current.display, current.unit)}
          </span>
          {current.status === 'awaited' ? <span className="app-headline__age">awaited</span> : null}
        </li>
        <li className="app-headline">
          <span className="app-headline__label">Target</span>
          <span className="app-headline__date">
            {formatTarget(current.target, current.polarity, current.unit)}
          </span>
        </li>
        <li className="app-headline">
          <span className="app-headline__label">RAG</span>
          <RagTag rag={current.rag} polarity={current.polarity} />
          <SmallNumberNote unit={current.unit} denominator={current.denominator} />
        </li>
        <li className="app-headline">
          <span className="app-headline__label">Direction of travel</span>
          <DirectionTag
            direction={current.direction}
            polarity={current.polarity}
            value={current.value}
            previousValue={current.previousValue}
            hasPreviousQuarter={detail.trend.length > 1}
          />
        </li>
        {current.exception ? (
          <li className="app-headline">
            <span className="app-headline__label">Exception</span>
            <strong className="govuk-tag govuk-tag--purple app-tag">Exception</strong>
          </li>
        ) : null}
      </ul>
      {current.exception ? (
        <div className="govuk-inset-text" data-testid="exception-reasons">
          <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
            Why it is an exception
          </p>
          <ul className="govuk-list govuk-list--bullet govuk-!-margin-bottom-0">
            {exceptionReasonTexts(current, detail.period).map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <IndicatorCommentary code={d.code} period={detail.period} />
      <IndicatorExceptions indicator={current} period={detail.period} />

      <p className="govuk-body-l" data-testid="plain-definition">
        {d.plainDefinition}
      </p>
      <h2 className="govuk-heading-m">What it measures</h2>
      <IndicatorDefinition detail={detail} />

      <h2 className="govuk-heading-m">Trend over {detail.trend.length} quarters</h2>
      <IndicatorTrend detail={detail} />

      <IndicatorBreakdown detail={detail} />

      <h2 className="govuk-heading-m">Data quality</h2>
      {detail.dataQuality.length === 0 ? (
        <p className="govuk-body">
          The run that built this snapshot found no problems in this indicator's sources.
        </p>
      ) : (
        <DataTable
          caption="Problems found in this indicator's sources by the run that built the snapshot"
          captionSize="s"
          columns={qualityColumns}
          rows={detail.dataQuality}
          rowKey={(n) => n.dataset}
        />
      )}

      {isAnalyst(user) ? (
        <IndicatorRecords
          code={d.code}
          period={detail.period}
          snapshot={
            snapshot ?? (detail.signOffState?.figures === 'signed_off' ? detail.snapshotId : undefined)
          }
          hasDenominator={d.denominatorDefinition !== null && d.unit === 'percent'}
        />
      ) : null}
    </>
  );
}
