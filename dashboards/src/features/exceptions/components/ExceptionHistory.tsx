import type { FieldChange } from '@oscp/contracts';
import { formatDateTime } from '../../../components/scorecard-format';
import { useExceptionHistory } from '../api/exceptions-api';

const actionWords: Record<string, string> = {
  opened: 'Opened',
  edited: 'Changed',
  submitted: 'Submitted',
  returned: 'Returned',
  accepted: 'Accepted',
  closed: 'Closed',
  revised: 'Figures revised',
};

const fieldWords: Record<string, string> = {
  cause: 'why it happened',
  dataQualityNote: 'data lag or quality',
  impact: 'impact on children',
  actions: 'actions',
  trajectoryPeriod: 'expected trajectory',
  escalationNeeded: 'escalation',
  escalationTo: 'escalate to',
  status: 'status',
  returnComment: 'comment',
  revisions: 'figures',
};

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (Array.isArray(value)) return `${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'string') return value.length > 120 ? `${value.slice(0, 120)}…` : value;
  return typeof value === 'boolean' ? (value ? 'yes' : 'no') : JSON.stringify(value);
}

function Change({ change }: { change: FieldChange }) {
  return (
    <li>
      {fieldWords[change.field] ?? change.field}: {shown(change.from)} → {shown(change.to)}
    </li>
  );
}

/** Every change to the report, oldest first: who, when, which fields, old and new. */
export function ExceptionHistory({ id, version }: { id: string; version: number }) {
  const history = useExceptionHistory(id, version);
  return (
    <section aria-labelledby="history-heading">
      <h2 className="govuk-heading-m" id="history-heading">
        History
      </h2>
      {history.isPending ? (
        <p className="govuk-body">Loading the history…</p>
      ) : history.isError ? (
        <p className="govuk-body">The history could not be loaded: {history.error.message}</p>
      ) : (
        <ol className="govuk-list app-history" data-testid="history">
          {history.data.map((entry) => (
            <li key={entry.id} className="govuk-!-margin-bottom-3">
              <strong>{actionWords[entry.action] ?? entry.action}</strong> by {entry.actor ?? 'the system'},{' '}
              {formatDateTime(entry.at)}
              {entry.comment ? <p className="govuk-body govuk-!-margin-bottom-1">“{entry.comment}”</p> : null}
              {entry.changes.length > 0 ? (
                <ul className="govuk-list govuk-list--bullet govuk-body-s">
                  {entry.changes.map((change) => (
                    <Change key={change.field} change={change} />
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
