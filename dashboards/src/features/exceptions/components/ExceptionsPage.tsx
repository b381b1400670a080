import {
  EXCEPTION_STATUSES,
  type ExceptionReport,
  type ExceptionStatus,
  type Subgroup,
} from '@oscp/contracts';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { FilterActions } from '../../../components/forms/FilterActions';
import { ErrorState, LoadingState } from '../../../components/states/PageStates';
import { DataTable, type Column } from '../../../components/tables/DataTable';
import { useSession } from '../../../lib/session/session-context';
import { usePeriods } from '../../../lib/published-data';
import { owedBy, statusLabels, useExceptions, useSubgroups } from '../../../lib/exceptions-api';
import { ExceptionStatusTag } from '../../../components/exceptions/ExceptionStatusTag';
import { QuarterSignOffLine } from '../../../components/QuarterSignOffLine';

function isStatus(value: string | null): value is ExceptionStatus {
  return value !== null && (EXCEPTION_STATUSES as readonly string[]).includes(value);
}

function subgroupNames(ids: string[], subgroups: Subgroup[] | undefined): string {
  return ids.map((id) => subgroups?.find((s) => s.id === id)?.name ?? id).join(', ');
}

/** Exception reports of a quarter: filters, counts by status, and for a chair what they owe first. */
export function ExceptionsPage() {
  const [params, setParams] = useSearchParams();
  const { user } = useSession();
  const periods = usePeriods();
  const subgroups = useSubgroups();
  const period = params.get('period') || periods.data?.defaultPeriod || undefined;
  const subgroup = params.get('subgroup') || undefined;
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const list = useExceptions({ period, subgroup, status }, !!period || periods.isSuccess);
  useDocumentTitle(period ? `Exception reports ${period}` : 'Exception reports');

  const [draftPeriod, setDraftPeriod] = useState<string | null>(null);
  const [draftSubgroup, setDraftSubgroup] = useState<string | null>(null);
  const [draftStatus, setDraftStatus] = useState<string | null>(null);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    const p = draftPeriod ?? period ?? '';
    const s = draftSubgroup ?? subgroup ?? '';
    const st = draftStatus ?? status ?? '';
    if (p) next.set('period', p);
    if (s) next.set('subgroup', s);
    if (st) next.set('status', st);
    setParams(next);
  };

  const columns: Column<ExceptionReport>[] = [
    {
      key: 'indicator',
      header: 'Indicator',
      rowHeader: true,
      cell: (r) => (
        <Link className="govuk-link" to={`/exceptions/${r.id}`}>
          {r.indicatorCode} {r.evidence.title}
        </Link>
      ),
    },
    { key: 'period', header: 'Quarter', cell: (r) => r.period },
    { key: 'status', header: 'Status', cell: (r) => <ExceptionStatusTag status={r.status} /> },
    { key: 'subgroups', header: 'Subgroups', cell: (r) => subgroupNames(r.subgroupIds, subgroups.data) },
    {
      key: 'overdue',
      header: 'Overdue actions',
      numeric: true,
      cell: (r) => r.actions.filter((a) => a.overdue).length,
    },
  ];

  const owed = (list.data?.items ?? []).filter((report) => owedBy(user, report));

  return (
    <>
      <h1 className="govuk-heading-l">
        {period ? <span className="govuk-caption-l">{period}</span> : null}
        Exception reports
      </h1>
      <QuarterSignOffLine period={period} />
      <p className="govuk-body">
        Subgroup chairs explain each indicator that is red, declining for 2 quarters, or whose partner return
        is overdue, and say what is being done. The manager reviews each report; everyone can read accepted
        ones.
      </p>

      {user?.roles.includes('chair') && list.data ? (
        <section aria-labelledby="owed-heading" className="govuk-!-margin-bottom-6">
          <h2 className="govuk-heading-m" id="owed-heading">
            What you owe for this quarter
          </h2>
          {owed.length === 0 ? (
            <p className="govuk-body">Nothing: no report of your subgroups is waiting for you.</p>
          ) : (
            <ul className="govuk-list govuk-list--bullet" data-testid="owed-list">
              {owed.map((report) => (
                <li key={report.id}>
                  <Link className="govuk-link" to={`/exceptions/${report.id}`}>
                    {report.indicatorCode} {report.evidence.title}
                  </Link>{' '}
                  ({statusLabels[report.status].toLowerCase()})
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <form className="app-filters" onSubmit={apply} aria-label="Filter exception reports">
        <div className="govuk-form-group app-filters__item">
          <label className="govuk-label govuk-label--s" htmlFor="exceptions-period">
            Quarter
          </label>
          <select
            className="govuk-select"
            id="exceptions-period"
            value={draftPeriod ?? period ?? ''}
            onChange={(e) => setDraftPeriod(e.target.value)}
          >
            {(periods.data?.periods ?? [])
              .map((p) => p.period)
              .reverse()
              .map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
          </select>
        </div>
        <div className="govuk-form-group app-filters__item">
          <label className="govuk-label govuk-label--s" htmlFor="exceptions-subgroup">
            Subgroup
          </label>
          <select
            className="govuk-select"
            id="exceptions-subgroup"
            value={draftSubgroup ?? subgroup ?? ''}
            onChange={(e) => setDraftSubgroup(e.target.value)}
          >
            <option value="">All subgroups</option>
            {(subgroups.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group app-filters__item">
          <label className="govuk-label govuk-label--s" htmlFor="exceptions-status">
            Status
          </label>
          <select
            className="govuk-select"
            id="exceptions-status"
            value={draftStatus ?? status ?? ''}
            onChange={(e) => setDraftStatus(e.target.value)}
          >
            <option value="">Any status</option>
            {EXCEPTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </select>
        </div>
        <FilterActions
          submitLabel="Show reports"
          filtered={!!subgroup || !!status}
          onClear={() => {
            setDraftSubgroup('');
            setDraftStatus('');
            setParams(period ? new URLSearchParams({ period }) : new URLSearchParams());
          }}
        />
      </form>

      {list.isPending ? (
        <LoadingState what="the exception reports" />
      ) : list.isError ? (
        <ErrorState what="exception reports" error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <ul className="app-headlines" aria-label="Reports by status" data-testid="status-counts">
            {EXCEPTION_STATUSES.map((s) => (
              <li className="app-headline" key={s}>
                <span className="app-headline__value">{list.data.counts[s]}</span>{' '}
                <span className="app-headline__label">{statusLabels[s]}</span>
              </li>
            ))}
          </ul>
          <DataTable
            caption={`Exception reports${period ? `, ${period}` : ''}`}
            columns={columns}
            rows={list.data.items}
            rowKey={(r) => r.id}
            emptyMessage="No exception reports you can see match these filters."
          />
        </>
      )}
    </>
  );
}
