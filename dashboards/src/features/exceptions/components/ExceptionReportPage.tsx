import type { CurrentUser, ExceptionReport, ExceptionTransitionTarget } from '@oscp/contracts';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiRequestError } from '../../../lib/http';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorSummary, type FieldError } from '../../../components/forms/ErrorSummary';
import { formatDateTime } from '../../../components/scorecard-format';
import { EmptyState, ErrorState, hasStatus, LoadingState } from '../../../components/states/PageStates';
import { useSession } from '../../../lib/session/session-context';
import {
  useException,
  useSaveException,
  useSubgroups,
  useTransitionException,
} from '../../../lib/exceptions-api';
import { changeOf, fieldIdOf, formValuesOf, type ReportFormValues } from '../api/report-form';
import { ExceptionEvidence } from './ExceptionEvidence';
import { ExceptionHistory } from './ExceptionHistory';
import { ExceptionReadView } from './ExceptionReadView';
import { ExceptionReportForm } from './ExceptionReportForm';
import { ExceptionStatusTag } from '../../../components/exceptions/ExceptionStatusTag';
import { QuarterSignOffLine } from '../../../components/QuarterSignOffLine';

/** Drafts save themselves this long after the last keystroke. */
const AUTOSAVE_MS = 2000;

function chairs(user: CurrentUser | null, report: ExceptionReport): boolean {
  return !!user?.roles.includes('chair') && report.subgroupIds.some((id) => user.subgroups.includes(id));
}

function editable(user: CurrentUser | null, report: ExceptionReport): boolean {
  if (report.status !== 'draft' && report.status !== 'returned') return false;
  return !!user?.roles.includes('manager') || chairs(user, report);
}

const timeOnly = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** One exception report: evidence, the chair's form (autosaved) or the read view, review, history. */
export function ExceptionReportPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const report = useException(id);
  const subgroups = useSubgroups();
  const save = useSaveException(id);
  const transition = useTransitionException(id);

  const [values, setValues] = useState<ReportFormValues | null>(null);
  const [baseVersion, setBaseVersion] = useState<number | null>(null);
  const [dirty, setDirty] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [messages, setMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState<ExceptionReport | null>(null);
  const [comment, setComment] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const saving = useRef(false);

  const data = report.data;
  useDocumentTitle(data ? `Exception report ${data.indicatorCode} ${data.period}` : 'Exception report');

  // Take the server's version into the form when it first arrives, or after a transition.
  useEffect(() => {
    if (!data) return;
    if (baseVersion === null || (!dirty && data.version !== baseVersion && !conflict)) {
      setValues(formValuesOf(data));
      setBaseVersion(data.version);
    }
  }, [data, baseVersion, dirty, conflict]);

  const canEdit = !!data && editable(user, data);

  async function saveNow(): Promise<ExceptionReport | null> {
    if (!values || baseVersion === null || saving.current) return null;
    saving.current = true;
    try {
      const saved = await save.mutateAsync(changeOf(values, baseVersion));
      setBaseVersion(saved.version);
      setDirty(false);
      setSavedAt(timeOnly.format(new Date()));
      setErrors([]);
      setMessages([]);
      return saved;
    } catch (error) {
      await showError(error);
      return null;
    } finally {
      saving.current = false;
    }
  }

  async function showError(error: unknown) {
    if (error instanceof ApiRequestError && error.status === 409) {
      const theirs = await report.refetch();
      setConflict(theirs.data ?? null);
      setMessages([error.message]);
      setErrors([]);
      return;
    }
    if (error instanceof ApiRequestError && error.fields.length > 0) {
      setErrors(error.fields.map((f) => ({ fieldId: fieldIdOf(f.field), message: f.message })));
      setMessages([]);
      return;
    }
    setMessages([error instanceof Error ? error.message : 'The report could not be saved.']);
  }

  // Autosave: a draft saves itself shortly after the last change (not while a conflict is open).
  useEffect(() => {
    if (!dirty || !canEdit || conflict) return;
    const timer = setTimeout(() => void saveNow(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [values, dirty, canEdit, conflict]);

  async function move(to: ExceptionTransitionTarget) {
    setNotice(null);
    if (dirty && to === 'submitted') {
      const saved = await saveNow();
      if (!saved) return;
    }
    try {
      const moved = await transition.mutateAsync({
        to,
        comment: comment.trim() || undefined,
        version: undefined,
      });
      setValues(formValuesOf(moved));
      setBaseVersion(moved.version);
      setDirty(false);
      setErrors([]);
      setMessages([]);
      setComment('');
      setNotice(
        {
          submitted: 'Report submitted to the manager.',
          returned: 'Report returned to the chair with your comment.',
          accepted: 'Report accepted: everyone can now read it.',
          closed: 'Report closed.',
        }[to],
      );
    } catch (error) {
      await showError(error);
    }
  }

  if (report.isPending) return <LoadingState what="the exception report" />;
  if (report.isError || !data) {
    return (
      <>
        <Link className="govuk-back-link" to="/exceptions">
          Back to exception reports
        </Link>
        <h1 className="govuk-heading-l">Exception report</h1>
        {hasStatus(report.error, 404) ? (
          <EmptyState title="There is no such exception report" />
        ) : hasStatus(report.error, 403) ? (
          <EmptyState title="You cannot read this report yet">
            <p className="govuk-body">{report.error?.message}</p>
          </EmptyState>
        ) : (
          <ErrorState what="exception report" error={report.error} onRetry={() => void report.refetch()} />
        )}
      </>
    );
  }

  const subgroupNames = data.subgroupIds.map((sid) => subgroups.data?.find((s) => s.id === sid)?.name ?? sid);
  const isManager = !!user?.roles.includes('manager');

  return (
    <>
      <Link className="govuk-back-link" to={`/exceptions?period=${encodeURIComponent(data.period)}`}>
        Back to exception reports
      </Link>
      <ErrorSummary errors={errors} messages={messages} />
      {notice ? (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="status">
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">{notice}</p>
          </div>
        </div>
      ) : null}
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">
          Exception report · {data.indicatorCode} · {data.period}
        </span>
        {data.evidence.title}
      </h1>
      <QuarterSignOffLine period={data.period} />
      <p className="govuk-body">
        <ExceptionStatusTag status={data.status} /> Subgroups: {subgroupNames.join(', ')}.{' '}
        <Link
          className="govuk-link"
          to={`/indicators/${data.indicatorCode}?period=${encodeURIComponent(data.period)}`}
        >
          See {data.indicatorCode} on the scorecard
        </Link>
      </p>
      {data.status === 'returned' && data.returnComment ? (
        <div className="govuk-inset-text" data-testid="return-comment">
          <strong>Returned by the manager:</strong> {data.returnComment}
        </div>
      ) : null}

      {conflict ? (
        <div className="govuk-inset-text" data-testid="conflict">
          <h2 className="govuk-heading-s">
            Their version (saved by {conflict.updatedBy ?? 'someone'} at {formatDateTime(conflict.updatedAt)})
          </h2>
          <ExceptionReadView report={conflict} headingLevel={3} />
          <div className="govuk-button-group">
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => {
                setValues(formValuesOf(conflict));
                setBaseVersion(conflict.version);
                setDirty(false);
                setConflict(null);
                setMessages([]);
              }}
            >
              Use their version
            </button>
            <button
              type="button"
              className="govuk-button govuk-button--warning"
              onClick={() => {
                setBaseVersion(conflict.version);
                setConflict(null);
                setMessages([]);
                setDirty(true);
              }}
            >
              Keep my version and save it over theirs
            </button>
          </div>
        </div>
      ) : null}

      <ExceptionEvidence report={data} />

      {canEdit && values ? (
        <ExceptionReportForm
          period={data.period}
          values={values}
          errors={errors}
          onChange={(next) => {
            setValues(next);
            setDirty(true);
          }}
          status={
            save.isPending
              ? 'Saving…'
              : dirty
                ? 'Changes not saved yet'
                : savedAt
                  ? `Saved at ${savedAt}`
                  : `Last saved ${formatDateTime(data.updatedAt)}`
          }
          onSave={() => void saveNow()}
          onSubmit={chairs(user, data) ? () => void move('submitted') : undefined}
        />
      ) : (
        <ExceptionReadView report={data} headingLevel={2} />
      )}

      {isManager && data.status === 'submitted' ? (
        <section aria-labelledby="review-heading">
          <h2 className="govuk-heading-m" id="review-heading">
            Review
          </h2>
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="review-comment">
              Comment for the chair
            </label>
            <div className="govuk-hint" id="review-comment-hint">
              Needed when you return the report: say what needs to change.
            </div>
            <textarea
              className="govuk-textarea"
              id="review-comment"
              rows={3}
              value={comment}
              aria-describedby="review-comment-hint"
              onChange={(e) => setComment(e.target.value)}
            />
          </div>
          <div className="govuk-button-group">
            <button type="button" className="govuk-button" onClick={() => void move('accepted')}>
              Accept
            </button>
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => void move('returned')}
            >
              Return to the chair
            </button>
          </div>
        </section>
      ) : null}
      {isManager && data.status !== 'closed' ? (
        <button
          type="button"
          className="govuk-button govuk-button--warning"
          onClick={() => void move('closed')}
        >
          Close this report
        </button>
      ) : null}

      <ExceptionHistory id={data.id} version={data.version} />
    </>
  );
}
