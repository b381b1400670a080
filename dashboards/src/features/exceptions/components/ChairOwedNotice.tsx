import { Link } from 'react-router';
import { useSession } from '../../session/api/session-context';
import { owedBy, statusLabels, useExceptions } from '../api/exceptions-api';

/** On a chair's landing page: the quarter's reports of their subgroups still waiting for them. */
export function ChairOwedNotice({ period }: { period: string }) {
  const { user } = useSession();
  const isChair = !!user?.roles.includes('chair');
  const reports = useExceptions({ period }, isChair);
  if (!isChair || !reports.data) return null;
  const owed = reports.data.items.filter((report) => owedBy(user, report));
  if (owed.length === 0) return null;
  return (
    <div
      className="govuk-notification-banner"
      role="region"
      aria-labelledby="owed-banner-title"
      data-testid="owed-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="owed-banner-title">
          Your exception reports
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">
          {owed.length === 1 ? '1 report is' : `${owed.length} reports are`} waiting for you for {period}
        </p>
        <ul className="govuk-list">
          {owed.map((report) => (
            <li key={report.id}>
              <Link className="govuk-notification-banner__link" to={`/exceptions/${report.id}`}>
                {report.indicatorCode} {report.evidence.title}
              </Link>{' '}
              ({statusLabels[report.status].toLowerCase()})
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
