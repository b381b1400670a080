import type { CurrentUser, ScorecardIndicator } from '@oscp/contracts';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiRequestError } from '../../lib/http';
import { ErrorSummary } from '../forms/ErrorSummary';
import { useSession } from '../../lib/session/session-context';
import { useExceptions, useOpenException, useSubgroups } from '../../lib/exceptions-api';
import { ExceptionStatusTag } from './ExceptionStatusTag';

function mayOpen(user: CurrentUser | null, owners: string[]): boolean {
  if (!user) return false;
  if (user.roles.includes('manager')) return true;
  return user.roles.includes('chair') && owners.some((id) => user.subgroups.includes(id));
}

/** The reports about an indicator (links both ways), and opening one by hand for this quarter. */
export function IndicatorExceptions({
  indicator,
  period,
}: {
  indicator: ScorecardIndicator;
  period: string;
}) {
  const { user } = useSession();
  const reports = useExceptions({ indicator: indicator.code });
  const subgroups = useSubgroups();
  const open = useOpenException();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  // As the API decides: a retired subgroup owns no new reports.
  const owners = (subgroups.data ?? [])
    .filter((s) => !s.retired && s.indicatorCodes.includes(indicator.code))
    .map((s) => s.id);
  const items = reports.data?.items ?? [];
  const hasThisQuarter = items.some((r) => r.period === period);

  return (
    <section aria-labelledby="indicator-exceptions-heading">
      <h2 className="govuk-heading-m" id="indicator-exceptions-heading">
        Exception reports
      </h2>
      {problem ? <ErrorSummary errors={[]} messages={[problem]} headingLevel={3} /> : null}
      {reports.isPending ? (
        <p className="govuk-body">Loading the reports…</p>
      ) : items.length === 0 ? (
        <p className="govuk-body">There are no exception reports on this indicator that you can read.</p>
      ) : (
        <ul className="govuk-list" data-testid="indicator-reports">
          {items.map((r) => (
            <li key={r.id}>
              <Link className="govuk-link" to={`/exceptions/${r.id}`}>
                Exception report for {r.period}
              </Link>{' '}
              <ExceptionStatusTag status={r.status} />
            </li>
          ))}
        </ul>
      )}
      {!hasThisQuarter && reports.isSuccess && mayOpen(user, owners) ? (
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => {
            setProblem(null);
            open.mutate(
              { indicatorCode: indicator.code, period },
              {
                onSuccess: (report) => void navigate(`/exceptions/${report.id}`),
                onError: (error) =>
                  setProblem(
                    error instanceof ApiRequestError ? error.message : 'The report could not be opened.',
                  ),
              },
            );
          }}
        >
          Open a report for {period}
        </button>
      ) : null}
    </section>
  );
}
