/** The buttons under a filter form: apply, and clear once a filter is set. */
export function FilterActions({
  submitLabel,
  filtered,
  onClear,
}: {
  submitLabel: string;
  filtered: boolean;
  onClear: () => void;
}) {
  return (
    <div className="govuk-button-group app-filters__group">
      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
        {submitLabel}
      </button>
      {filtered ? (
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          onClick={onClear}
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
