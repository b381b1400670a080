import type { PartnerReturnReminder, PartnerReturnsTracker } from '@oscp/contracts';
import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { formatDate, formatDateTime } from '../../../components/scorecard-format';
import { EmptyState, ErrorState, LoadingState, noDataMessage } from '../../../components/states/PageStates';
import { DataTable, type Column } from '../../../components/tables/DataTable';
import { usePeriods } from '../../../lib/published-data';
import { usePartnerReturns, useReminders } from '../../../lib/partner-returns-api';
import { ReturnStatusTag } from '../../../components/partner-returns/ReturnStatusTag';
import { ReturnsTable } from '../../../components/partner-returns/ReturnsTable';
import { QuarterSignOffLine } from '../../../components/QuarterSignOffLine';

type MatrixRow = { key: string; label: string };

/** Agencies' quarterly returns: who has sent theirs, on time or late, and who has not. */
export function PartnerReturnsPage() {
  useDocumentTitle('Partner returns');
  const [params, setParams] = useSearchParams();
  const asked = params.get('period') ?? undefined;
  const periods = usePeriods();
  const tracker = usePartnerReturns(asked);

  if (tracker.isPending) return <LoadingState what="partner returns" />;
  if (tracker.isError)
    return <ErrorState error={tracker.error} what="partner returns" onRetry={() => void tracker.refetch()} />;
  const data = tracker.data;
  if (!data.period) {
    return (
      <>
        <h1 className="govuk-heading-l">Partner returns</h1>
        <EmptyState title={noDataMessage} />
      </>
    );
  }
  return (
    <>
      <h1 className="govuk-heading-l">Partner returns</h1>
      <p className="govuk-body">
        The quarterly figures partner agencies send for the scorecard. A return is due 20 working days after
        the quarter ends, unless the agency has been given other due days. A return still missing after its
        due date is overdue, and the scorecard shows its indicator as an exception.
      </p>
      <p className="govuk-body">States as at the last data run, on {formatDate(data.asOf)}.</p>
      <form className="app-view-picker" onSubmit={(e) => e.preventDefault()} aria-label="Choose a quarter">
        <div className="govuk-form-group app-view-picker__group">
          <label className="govuk-label govuk-label--s" htmlFor="returns-period">
            Quarter
          </label>
          <select
            className="govuk-select"
            id="returns-period"
            name="period"
            value={data.period}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              if (e.target.value === periods.data?.defaultPeriod) next.delete('period');
              else next.set('period', e.target.value);
              setParams(next);
            }}
          >
            {[...(periods.data?.periods ?? [{ period: data.period }])].reverse().map((p) => (
              <option key={p.period} value={p.period}>
                {p.period}
                {p.period === periods.data?.defaultPeriod ? ' (latest)' : ''}
              </option>
            ))}
          </select>
        </div>
      </form>
      <QuarterSignOffLine period={data.period} />
      <ReturnsTable caption={`Returns for ${data.period}`} returns={data.returns} />
      <ReturnsMatrix tracker={data} />
      <RemindersSection />
    </>
  );
}

/** Agencies × the last 8 quarters, a state in words in every cell. */
function ReturnsMatrix({ tracker }: { tracker: PartnerReturnsTracker }) {
  const rows: MatrixRow[] = (tracker.matrix.at(-1)?.returns ?? []).map((r) => ({
    key: `${r.agency}|${r.indicatorCode}`,
    label: `${r.agencyName} (${r.indicatorCode})`,
  }));
  const columns: Column<MatrixRow>[] = [
    { key: 'agency', header: 'Agency and indicator', rowHeader: true, cell: (row) => row.label },
    ...tracker.matrix.map((column): Column<MatrixRow> => ({
      key: column.period,
      header: column.period,
      cell: (row) => {
        const entry = column.returns.find((r) => `${r.agency}|${r.indicatorCode}` === row.key);
        return entry ? <ReturnStatusTag status={entry.status} /> : 'Not expected';
      },
    })),
  ];
  return (
    <DataTable
      caption={`Returns over the ${tracker.matrix.length} quarters to ${tracker.period}`}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.key}
      className="app-returns-matrix"
    />
  );
}

function RemindersSection() {
  const reminders = useReminders();
  const columns: Column<PartnerReturnReminder>[] = [
    { key: 'agency', header: 'Agency', rowHeader: true, cell: (r) => r.agency },
    { key: 'return', header: 'Return', cell: (r) => `${r.indicatorCode}, ${r.period}` },
    { key: 'kind', header: 'Reminder', cell: (r) => (r.kind === 'overdue' ? 'Overdue' : 'Due soon') },
    { key: 'due', header: 'Due', cell: (r) => formatDate(r.dueDate) },
    { key: 'listed', header: 'Listed', cell: (r) => formatDateTime(r.createdAt) },
    {
      key: 'sent',
      header: 'Sent',
      cell: (r) =>
        r.sentAt
          ? `Sent ${formatDateTime(r.sentAt)}${r.recipient ? ` to ${r.recipient}` : ''}`
          : `Not sent: ${r.notSentBecause ?? ''}`,
    },
  ];
  return (
    <section aria-labelledby="reminders-heading">
      <h2 className="govuk-heading-m" id="reminders-heading">
        Reminders
      </h2>
      <p className="govuk-body">
        On a schedule (by default 7am each working day) the service lists returns due within 5 working days or
        overdue, once each. Emails are sent only when a mail server is set up and the agency has a reminder
        contact; otherwise this list shows what would have been sent.
      </p>
      {reminders.isPending ? (
        <LoadingState what="reminders" />
      ) : reminders.isError ? (
        <ErrorState error={reminders.error} what="reminders" />
      ) : (
        <DataTable
          caption="Reminders listed"
          captionSize="s"
          columns={columns}
          rows={reminders.data}
          rowKey={(r) => r.id}
          emptyMessage="No reminders have been listed yet."
        />
      )}
    </section>
  );
}
