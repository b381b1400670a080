import type { AgencyCode, CurrentUser, ScorecardIndicator } from '@oscp/contracts';
import { agencyLabels, isAgencyCode } from '../../../components/scorecard-format';
import { hasActiveFilters, ragFilters, type OverviewFilters, type RagFilter } from '../api/overview-filters';

const ragWords: Record<RagFilter, string> = {
  red: 'Red',
  amber: 'Amber',
  green: 'Green',
  context: 'Context',
};

export interface ScorecardFiltersProps {
  filters: OverviewFilters;
  onChange: (change: Partial<OverviewFilters>) => void;
  indicators: ScorecardIndicator[];
  user: CurrentUser | null;
}

/** Owner agency ("show my agency"), RAG and "exceptions only". Changes apply at once and go in the URL. */
export function ScorecardFilters({ filters, onChange, indicators, user }: ScorecardFiltersProps) {
  const owners = [...new Set(indicators.map((i) => i.owner))].sort((a, b) =>
    agencyLabels[a].localeCompare(agencyLabels[b]),
  );
  const myAgency = isAgencyCode(user?.agency) ? user.agency : null;

  function toggleRag(rag: RagFilter, checked: boolean) {
    const next = checked ? [...filters.rags, rag] : filters.rags.filter((r) => r !== rag);
    onChange({ rags: ragFilters.filter((r) => next.includes(r)) });
  }

  return (
    <form className="app-filters" aria-label="Filter indicators" onSubmit={(e) => e.preventDefault()}>
      <div className="govuk-form-group app-filters__group">
        <label className="govuk-label govuk-label--s" htmlFor="filter-agency">
          Owner agency
        </label>
        <select
          className="govuk-select"
          id="filter-agency"
          name="agency"
          value={filters.agency ?? ''}
          onChange={(e) =>
            onChange({ agency: isAgencyCode(e.target.value) ? (e.target.value as AgencyCode) : undefined })
          }
        >
          <option value="">All agencies</option>
          {owners.map((owner) => (
            <option key={owner} value={owner}>
              {agencyLabels[owner]}
            </option>
          ))}
        </select>
        {myAgency ? (
          <button
            type="button"
            className="govuk-button govuk-button--secondary app-filters__my-agency"
            aria-pressed={filters.agency === myAgency}
            onClick={() => onChange({ agency: filters.agency === myAgency ? undefined : myAgency })}
          >
            Show my agency<span className="govuk-visually-hidden"> ({agencyLabels[myAgency]})</span>
          </button>
        ) : null}
      </div>

      <div className="govuk-form-group app-filters__group">
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">RAG rating</legend>
          <div className="govuk-checkboxes govuk-checkboxes--small app-filters__inline">
            {ragFilters.map((rag) => (
              <div className="govuk-checkboxes__item" key={rag}>
                <input
                  className="govuk-checkboxes__input"
                  id={`filter-rag-${rag}`}
                  name="rag"
                  type="checkbox"
                  value={rag}
                  checked={filters.rags.includes(rag)}
                  onChange={(e) => toggleRag(rag, e.target.checked)}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={`filter-rag-${rag}`}>
                  {ragWords[rag]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>

      <div className="govuk-form-group app-filters__group">
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Exceptions</legend>
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <div className="govuk-checkboxes__item">
              <input
                className="govuk-checkboxes__input"
                id="filter-exceptions"
                name="exceptions"
                type="checkbox"
                checked={filters.exceptionsOnly}
                onChange={(e) => onChange({ exceptionsOnly: e.target.checked })}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="filter-exceptions">
                Exceptions only
              </label>
            </div>
          </div>
        </fieldset>
      </div>

      {hasActiveFilters(filters) ? (
        <button
          type="button"
          className="govuk-button govuk-button--secondary app-filters__clear"
          onClick={() => onChange({ agency: undefined, rags: [], exceptionsOnly: false })}
        >
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
