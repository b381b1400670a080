import type { CurrentUser } from '@oscp/contracts';
import { useState } from 'react';
import { ApiRequestError } from '../../../app/api/http';
import { describedBy, ErrorSummary, FieldErrorMessage } from '../../../components/forms/ErrorSummary';
import { formatDateTime } from '../../../components/scorecard-format';
import { useSession } from '../../session/api/session-context';
import { useCommentaries, useSaveCommentary, useSubgroups } from '../api/exceptions-api';

const MAX = 1000;

function mayWrite(user: CurrentUser | null, owners: string[]): boolean {
  if (!user) return false;
  if (user.roles.includes('analyst')) return true;
  return user.roles.includes('chair') && owners.some((id) => user.subgroups.includes(id));
}

/** The owning subgroup's "so what" for the quarter; nothing at all when there is none and you cannot write one. */
export function IndicatorCommentary({ code, period }: { code: string; period: string }) {
  const { user } = useSession();
  // The quarter's list (shared with the overview): a missing commentary is simply absent, not a 404.
  const commentaries = useCommentaries(period);
  const subgroups = useSubgroups();
  const save = useSaveCommentary(code, period);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const owners = (subgroups.data ?? []).filter((s) => s.indicatorCodes.includes(code)).map((s) => s.id);
  const writer = mayWrite(user, owners);
  const current = commentaries.data?.find((c) => c.indicatorCode === code);

  if (!current && !writer) return null;
  return (
    <section aria-labelledby="commentary-heading">
      <h2 className="govuk-heading-m" id="commentary-heading">
        Commentary
      </h2>
      {current && !editing ? (
        <>
          <p className="govuk-body app-pre-line" data-testid="commentary-text">
            {current.text}
          </p>
          <p className="govuk-body-s app-muted">
            By {current.updatedBy ?? 'unknown'}, {formatDateTime(current.updatedAt)}
          </p>
        </>
      ) : null}
      {writer && !editing ? (
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => {
            setText(current?.text ?? '');
            setEditing(true);
          }}
        >
          {current ? 'Change the commentary' : 'Write a commentary'}
        </button>
      ) : null}
      {editing ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            save.mutate(
              { text, version: current?.version ?? 0 },
              {
                onSuccess: () => setEditing(false),
                onError: (err) => {
                  setError(
                    err instanceof ApiRequestError ? err.message : 'The commentary could not be saved.',
                  );
                  if (err instanceof ApiRequestError && err.status === 409) void commentaries.refetch();
                },
              },
            );
          }}
        >
          <ErrorSummary
            errors={error && text.length > MAX ? [{ fieldId: 'commentary-text-input', message: error }] : []}
            messages={error && text.length <= MAX ? [error] : []}
            headingLevel={3}
          />
          <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
            <label className="govuk-label govuk-label--s" htmlFor="commentary-text-input">
              Commentary for {period}
            </label>
            <div className="govuk-hint" id="commentary-hint">
              The subgroup's "so what", in up to {MAX.toLocaleString('en-GB')} characters. Leave it empty to
              remove it. You have {Math.max(0, MAX - text.length)} characters left.
            </div>
            <FieldErrorMessage
              id="commentary-error"
              message={error && text.length > MAX ? error : undefined}
            />
            <textarea
              className="govuk-textarea"
              id="commentary-text-input"
              rows={4}
              value={text}
              aria-describedby={describedBy(
                'commentary-hint',
                error && text.length > MAX && 'commentary-error',
              )}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button">
              Save commentary
            </button>
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => setEditing(false)}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
