import type { BriefingSummary, SignOff } from '@oscp/contracts';
import { useState, type FormEvent } from 'react';
import { ApiRequestError } from '../../../lib/http';
import { describedBy, ErrorSummary, FieldErrorMessage } from '../../../components/forms/ErrorSummary';
import { formatDate } from '../../../components/scorecard-format';
import { useSignOff, useWithdrawSignOff } from '../api/briefing-api';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong. Try again.';
}

/** "Signed off 12 Jan 2027 by Jo Smith", the words every page uses for a sign-off. */
export function signedOffWords(signOff: SignOff): string {
  return `Signed off ${formatDate(signOff.signedOffAt)} by ${signOff.signedOffBy}`;
}

/** A manager signs off the quarter on the snapshot the pack uses now (the current one), with a note. */
function SignOffForm({ summary }: { summary: BriefingSummary }) {
  const [note, setNote] = useState('');
  const signOff = useSignOff();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signOff.mutate({
      period: summary.period,
      snapshotId: summary.snapshotId,
      note: note.trim() || undefined,
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary
        errors={[]}
        messages={signOff.isError ? [messageOf(signOff.error)] : []}
        headingLevel={3}
      />
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="signoff-note">
          Note (optional)
        </label>
        <div className="govuk-hint" id="signoff-note-hint">
          For example, where the quarter was agreed. Up to 1,000 characters.
        </div>
        <textarea
          className="govuk-textarea"
          id="signoff-note"
          name="note"
          rows={3}
          maxLength={1000}
          aria-describedby="signoff-note-hint"
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      <button
        type="submit"
        className="govuk-button"
        disabled={signOff.isPending}
        aria-disabled={signOff.isPending}
      >
        Sign off {summary.period}
      </button>
    </form>
  );
}

/** A manager withdraws a sign-off, saying why (required). */
function WithdrawForm({ signOff }: { signOff: SignOff }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const withdraw = useWithdrawSignOff();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError('Enter why the sign-off is withdrawn');
      return;
    }
    setError(undefined);
    withdraw.mutate(
      { id: signOff.id, reason: reason.trim() },
      {
        onError: (caught) => {
          if (caught instanceof ApiRequestError && caught.fields[0]) setError(caught.fields[0].message);
        },
      },
    );
  };
  const serverMessage =
    withdraw.isError && !(withdraw.error instanceof ApiRequestError && withdraw.error.fields.length > 0)
      ? [messageOf(withdraw.error)]
      : [];
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary
        errors={error ? [{ fieldId: 'withdraw-reason', message: error }] : []}
        messages={serverMessage}
        headingLevel={3}
      />
      <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label" htmlFor="withdraw-reason">
          Why are you withdrawing the sign-off?
        </label>
        <FieldErrorMessage id="withdraw-reason-error" message={error} />
        <textarea
          className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
          id="withdraw-reason"
          name="reason"
          rows={3}
          maxLength={1000}
          aria-describedby={describedBy(error && 'withdraw-reason-error')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
      <button
        type="submit"
        className="govuk-button govuk-button--warning"
        disabled={withdraw.isPending}
        aria-disabled={withdraw.isPending}
      >
        Withdraw sign-off
      </button>
    </form>
  );
}

export interface SignOffPanelProps {
  summary: BriefingSummary;
  history: SignOff[];
  canSignOff: boolean;
}

/** The quarter's sign-off state, the manager's actions and the history of sign-offs. */
export function SignOffPanel({ summary, history, canSignOff }: SignOffPanelProps) {
  const current = summary.signOff;
  const past = history.filter((item) => item.withdrawnAt !== null);
  return (
    <section aria-labelledby="signoff-heading">
      <h2 className="govuk-heading-m" id="signoff-heading">
        Sign-off
      </h2>
      {current ? (
        <div className="govuk-inset-text" data-testid="signoff-state">
          <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
            {signedOffWords(current)}
          </p>
          <p className="govuk-body govuk-!-margin-bottom-0">
            The pack uses the signed-off snapshot{' '}
            <span className="app-snapshot__id">{current.snapshotId}</span>.
            {current.note ? ` Note: ${current.note}` : ''}
          </p>
        </div>
      ) : (
        <div className="govuk-inset-text" data-testid="signoff-state">
          <p className="govuk-body govuk-!-margin-bottom-0">
            <strong className="govuk-tag govuk-tag--yellow app-tag">Draft</strong> {summary.period} is not
            signed off: the pack uses the current snapshot and every page is marked &ldquo;DRAFT - not signed
            off&rdquo;.
          </p>
        </div>
      )}
      {canSignOff ? current ? <WithdrawForm signOff={current} /> : <SignOffForm summary={summary} /> : null}
      {past.length > 0 ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">
            Earlier sign-offs of {summary.period}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Signed off
              </th>
              <th scope="col" className="govuk-table__header">
                Withdrawn
              </th>
              <th scope="col" className="govuk-table__header">
                Reason
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {past.map((item) => (
              <tr className="govuk-table__row" key={item.id}>
                <td className="govuk-table__cell">{signedOffWords(item)}</td>
                <td className="govuk-table__cell">
                  {formatDate(item.withdrawnAt)} by {item.withdrawnBy}
                </td>
                <td className="govuk-table__cell">{item.withdrawnReason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
