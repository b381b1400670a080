export interface PaginationProps {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
  /** What is being paged, for the screen-reader label: "runs", "findings". */
  label: string;
}

/** Previous / next with "Showing 1 to 25 of 130" (GOV.UK pagination, as buttons: the page does not reload). */
export function Pagination({ total, limit, offset, onChange, label }: PaginationProps) {
  if (total <= limit && offset === 0) {
    return total > 0 ? (
      <p className="govuk-body-s">
        Showing all {total} {label}
      </p>
    ) : null;
  }
  const first = Math.min(offset + 1, total);
  const last = Math.min(offset + limit, total);
  const hasPrevious = offset > 0;
  const hasNext = offset + limit < total;
  return (
    <nav className="govuk-pagination app-pagination" aria-label={`Pages of ${label}`}>
      <p className="govuk-body-s app-pagination__status" aria-live="polite">
        Showing {first} to {last} of {total} {label}
      </p>
      <div className="govuk-button-group">
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          disabled={!hasPrevious}
          aria-disabled={!hasPrevious}
          onClick={() => onChange(Math.max(0, offset - limit))}
        >
          Previous<span className="govuk-visually-hidden"> {label}</span>
        </button>
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          disabled={!hasNext}
          aria-disabled={!hasNext}
          onClick={() => onChange(offset + limit)}
        >
          Next<span className="govuk-visually-hidden"> {label}</span>
        </button>
      </div>
    </nav>
  );
}
