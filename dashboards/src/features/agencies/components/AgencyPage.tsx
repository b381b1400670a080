import type { AgencyBreakdownRow, AgencyOverdueAction, ScorecardIndicator } from '@oscp/contracts';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { formatCount, formatDate } from '../../../components/scorecard-format';
import { ErrorState, LoadingState } from '../../../components/states/PageStates';
import { DataTable, type Column } from '../../../components/tables/DataTable';
import { DirectionTag } from '../../../components/tags/DirectionTag';
import { RagTag } from '../../../components/tags/RagTag';
import { ReturnsTable } from '../../../components/partner-returns/ReturnsTable';
import { QuarterSignOffLine } from '../../../components/QuarterSignOffLine';
import { usePeriods } from '../../../lib/published-data';
import { useSession } from '../../../lib/session/session-context';
import { useAgencies, useAgencyView } from '../../../lib/agencies-api';

const withPercent = (display: string | null): string =>
  display === null ? '[x]' : /^-?\d/.test(display) ? `${display}%` : display;

/**
 * One agency's view of the scorecard: the indicators it owns, its rows in other indicators'
 * breakdowns, its partner returns, and in words how this quarter compares with the last. A
 * user's own agency is chosen first.
 */
export function AgencyPage() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const agencies = useAgencies();
  const periods = usePeriods();
  const active = (agencies.data ?? []).filter((a) => !a.retired);
  const chosen = params.get('agency') ?? user?.agency ?? active[0]?.code;
  const period = params.get('period') ?? undefined;
  const view = useAgencyView(chosen, period);
  const name = view.data?.agency.name ?? active.find((a) => a.code === chosen)?.name ?? 'Agency';
  useDocumentTitle(`${name}: agency view`);

  const choose = (key: 'agency' | 'period', value: string) => {
    const next = new URLSearchParams(params);
    if (key === 'period' && value === periods.data?.defaultPeriod) next.delete('period');
    else next.set(key, value);
    setParams(next);
  };

  if (agencies.isPending) return <LoadingState what="agencies" />;
  if (agencies.isError) return <ErrorState error={agencies.error} what="agencies" />;
  return (
    <>
      <h1 className="govuk-heading-l">{name}: agency view</h1>
      <p className="govuk-body">
        The indicators this agency owns, its part in the partnership&apos;s other indicators, and its
        quarterly returns.
      </p>
      <form
        className="app-view-picker"
        onSubmit={(e) => e.preventDefault()}
        aria-label="Choose an agency and quarter"
      >
        <div className="govuk-form-group app-view-picker__group">
          <label className="govuk-label govuk-label--s" htmlFor="agency">
            Agency
          </label>
          <select
            className="govuk-select"
            id="agency"
            name="agency"
            value={chosen ?? ''}
            onChange={(e) => choose('agency', e.target.value)}
          >
            {active.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
                {a.code === user?.agency ? ' (my agency)' : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group app-view-picker__group">
          <label className="govuk-label govuk-label--s" htmlFor="agency-period">
            Quarter
          </label>
          <select
            className="govuk-select"
            id="agency-period"
            name="period"
            value={view.data?.period ?? period ?? periods.data?.defaultPeriod ?? ''}
            onChange={(e) => choose('period', e.target.value)}
          >
            {[...(periods.data?.periods ?? [])].reverse().map((p) => (
              <option key={p.period} value={p.period}>
                {p.period}
                {p.period === periods.data?.defaultPeriod ? ' (latest)' : ''}
              </option>
            ))}
          </select>
        </div>
      </form>
      {view.isPending ? (
        <LoadingState what="the agency view" />
      ) : view.isError ? (
        <ErrorState error={view.error} what="agency view" onRetry={() => void view.refetch()} />
      ) : (
        <>
          <h2 className="govuk-heading-m">
            {view.data.period}
            {view.data.previousPeriod ? ` compared with ${view.data.previousPeriod}` : ''}
          </h2>
          <QuarterSignOffLine period={view.data.period} figuresFromSnapshot={view.data.snapshotId} />
          {view.data.summary.length > 0 ? (
            <ul className="govuk-list govuk-list--bullet app-agency-summary">
              {view.data.summary.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">
              This agency owns no indicator and has no rows in the breakdowns this quarter.
            </p>
          )}
          <OwnedTable name={name} period={view.data.period} indicators={view.data.owned} />
          <ContributionsTable name={name} period={view.data.period} rows={view.data.contributions} />
          <ReturnsTable caption={`${name}'s returns for ${view.data.period}`} returns={view.data.returns} />
          <OverdueActionsTable name={name} period={view.data.period} actions={view.data.overdueActions} />
        </>
      )}
    </>
  );
}

function OwnedTable({
  name,
  period,
  indicators,
}: {
  name: string;
  period: string;
  indicators: ScorecardIndicator[];
}) {
  const columns: Column<ScorecardIndicator>[] = [
    {
      key: 'indicator',
      header: 'Indicator',
      rowHeader: true,
      cell: (i) => (
        <Link className="govuk-link" to={`/indicators/${i.code}?period=${encodeURIComponent(period)}`}>
          {i.code} {i.title}
        </Link>
      ),
      sortValue: (i) => i.code,
    },
    {
      key: 'value',
      header: 'This quarter',
      numeric: true,
      cell: (i) => i.display,
      sortValue: (i) => i.value,
    },
    { key: 'rag', header: 'Rating', cell: (i) => <RagTag rag={i.rag} polarity={i.polarity} /> },
    {
      key: 'direction',
      header: 'Direction',
      cell: (i) => (
        <DirectionTag
          direction={i.direction}
          polarity={i.polarity}
          value={i.value}
          previousValue={i.previousValue}
        />
      ),
    },
  ];
  return (
    <DataTable
      caption={`Indicators ${name} owns, ${period}`}
      columns={columns}
      rows={indicators}
      rowKey={(i) => i.code}
      emptyMessage={`${name} owns no indicator.`}
    />
  );
}

function ContributionsTable({
  name,
  period,
  rows,
}: {
  name: string;
  period: string;
  rows: AgencyBreakdownRow[];
}) {
  const columns: Column<AgencyBreakdownRow>[] = [
    {
      key: 'indicator',
      header: 'Indicator',
      rowHeader: true,
      cell: (r) => (
        <Link
          className="govuk-link"
          to={`/indicators/${r.indicatorCode}?period=${encodeURIComponent(period)}`}
        >
          {r.indicatorCode} {r.indicatorTitle}
        </Link>
      ),
      sortValue: (r) => r.indicatorCode,
    },
    { key: 'key', header: 'Row', cell: (r) => r.key },
    {
      key: 'value',
      header: 'This quarter (%)',
      numeric: true,
      cell: (r) => withPercent(r.display),
      sortValue: (r) => r.value,
    },
    {
      key: 'previous',
      header: 'Quarter before (%)',
      numeric: true,
      cell: (r) => withPercent(r.previousDisplay),
      sortValue: (r) => r.previousValue,
    },
    {
      key: 'numerator',
      header: 'Numerator',
      numeric: true,
      cell: (r) => formatCount(r.numerator),
      sortValue: (r) => r.numerator,
    },
    {
      key: 'denominator',
      header: 'Denominator',
      numeric: true,
      cell: (r) => formatCount(r.denominator),
      sortValue: (r) => r.denominator,
    },
  ];
  return (
    <DataTable
      caption={`Where ${name} contributes, ${period}`}
      columns={columns}
      rows={rows}
      rowKey={(r) => `${r.indicatorCode}|${r.key}`}
      emptyMessage={`${name} has no rows in the breakdowns this quarter.`}
    />
  );
}

function OverdueActionsTable({
  name,
  period,
  actions,
}: {
  name: string;
  period: string;
  actions: AgencyOverdueAction[];
}) {
  const columns: Column<AgencyOverdueAction>[] = [
    { key: 'what', header: 'Action', rowHeader: true, cell: (a) => a.what },
    {
      key: 'report',
      header: 'Exception report',
      cell: (a) => (
        <Link className="govuk-link" to={`/exceptions/${encodeURIComponent(a.reportId)}`}>
          {a.indicatorCode}, {a.period}
        </Link>
      ),
      sortValue: (a) => a.indicatorCode,
    },
    { key: 'due', header: 'Was due', cell: (a) => formatDate(a.dueDate), sortValue: (a) => a.dueDate },
  ];
  return (
    <DataTable
      caption={`${name}'s overdue actions from exception reports, ${period}`}
      columns={columns}
      rows={actions}
      rowKey={(a) => `${a.reportId}|${a.what}|${a.dueDate}`}
      emptyMessage={`${name} has no overdue action in the exception reports you can read.`}
    />
  );
}
