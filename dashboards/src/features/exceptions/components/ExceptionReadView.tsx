import type { ExceptionReport } from '@oscp/contracts';
import { agencyLabels, formatDate, isAgencyCode } from '../../../components/scorecard-format';

/** The chair's narrative and actions, read-only (viewers, managers reviewing, a conflicting version). */
export function ExceptionReadView({
  report,
  headingLevel,
}: {
  report: ExceptionReport;
  headingLevel: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const text = (value: string) => (value.trim() ? value : 'Not written yet');
  return (
    <section aria-label="The report">
      <Heading className="govuk-heading-m">The report</Heading>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Why it happened</dt>
          <dd className="govuk-summary-list__value app-pre-line">{text(report.cause)}</dd>
        </div>
        {report.dataQualityNote.trim() ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Data lag or quality</dt>
            <dd className="govuk-summary-list__value app-pre-line">{report.dataQualityNote}</dd>
          </div>
        ) : null}
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Impact on children</dt>
          <dd className="govuk-summary-list__value app-pre-line">{text(report.impact)}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Expected trajectory</dt>
          <dd className="govuk-summary-list__value">
            {report.trajectoryPeriod ? `Target met by ${report.trajectoryPeriod}` : 'Not given yet'}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Escalation</dt>
          <dd className="govuk-summary-list__value">
            {report.escalationNeeded === null
              ? 'Not decided yet'
              : report.escalationNeeded
                ? `Yes, to ${report.escalationTo}`
                : 'No'}
          </dd>
        </div>
      </dl>
      <Heading className="govuk-heading-s">Actions</Heading>
      {report.actions.length === 0 ? (
        <p className="govuk-body">No actions.</p>
      ) : (
        <ul className="govuk-list app-action-list" data-testid="action-list">
          {report.actions.map((a) => (
            <li key={a.id}>
              <strong>{a.what || 'Not described yet'}</strong>
              <br />
              {isAgencyCode(a.ownerAgency) ? agencyLabels[a.ownerAgency] : a.ownerAgency || 'No owner yet'},
              due {a.dueDate ? formatDate(a.dueDate) : 'date not set'}.{' '}
              {a.status === 'done' ? (
                <strong className="govuk-tag govuk-tag--green app-tag app-tag--small">Done</strong>
              ) : a.overdue ? (
                <strong className="govuk-tag govuk-tag--red app-tag app-tag--small">Overdue</strong>
              ) : (
                <strong className="govuk-tag govuk-tag--blue app-tag app-tag--small">Open</strong>
              )}
              {a.carriedOverFrom ? (
                <span className="app-cell-note">Carried over from {a.carriedOverFrom}</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
