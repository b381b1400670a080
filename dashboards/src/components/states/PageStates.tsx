import type { ReactNode } from 'react';

/** While data loads: a polite status message (no spinner that a screen reader cannot read). */
export function LoadingState({ what }: { what: string }) {
  return (
    <div className="app-loading" role="status" aria-live="polite">
      <span className="app-loading__bar" aria-hidden="true" />
      <p className="govuk-body">Loading {what}…</p>
    </div>
  );
}

/** Nothing loaded yet: say so, and what to do about it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="govuk-inset-text app-empty">
      <h2 className="govuk-heading-m">{title}</h2>
      {children}
    </div>
  );
}

// The page says who can load data and how; no promise of a button the reader does not have.
export const noDataMessage = 'No data loaded yet';

/** A failed call: a plain-English message and a way to try again. */
export function ErrorState({ error, onRetry, what }: { error: unknown; onRetry?: () => void; what: string }) {
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <div className="govuk-error-summary" role="alert" tabIndex={-1}>
      <div className="govuk-error-summary__body">
        <h2 className="govuk-error-summary__title">Sorry, the {what} could not be shown</h2>
        <p className="govuk-body">{message}</p>
        {onRetry ? (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onRetry}>
            Try again
          </button>
        ) : null}
      </div>
    </div>
  );
}

/** True for an API answer with this HTTP status (the client's errors carry `status`). */
export function hasStatus(error: unknown, status: number): boolean {
  return typeof error === 'object' && error !== null && 'status' in error && error.status === status;
}
