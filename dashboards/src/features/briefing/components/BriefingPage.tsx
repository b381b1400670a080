import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorState, hasStatus, LoadingState } from '../../../components/states/PageStates';
import { formatDateTime } from '../../../components/scorecard-format';
import { hasRole, useSession } from '../../../lib/session/session-context';
import { usePeriods } from '../../../lib/published-data';
import { NoDataYet } from '../../../components/states/NoDataYet';
import { useSignOffs } from '../../../lib/signoffs-api';
import { briefingHref, useBriefingSummary, type BriefingFormat } from '../api/briefing-api';
import { PackPreview } from './PackPreview';
import { SignOffPanel } from './SignOffPanel';

const FORMATS: { format: BriefingFormat; label: string; what: string }[] = [
  {
    format: 'pdf',
    label: 'PDF',
    what: 'A4 pages to print or send: cover, headlines, scorecard, exceptions, appendix',
  },
  {
    format: 'xlsx',
    label: 'Spreadsheet (XLSX)',
    what: 'the scorecard, each theme’s last 8 quarters, exceptions and definitions',
  },
  { format: 'csv', label: 'CSV', what: 'the scorecard table only' },
];

function Downloads({
  period,
  published,
  pdfUnavailableReason,
}: {
  period: string;
  published: boolean;
  pdfUnavailableReason: string | null;
}) {
  const variant = published ? 'published' : 'internal';
  return (
    <ul
      className="govuk-list app-download-list"
      aria-label={published ? 'Published version downloads' : 'Internal version downloads'}
    >
      {FORMATS.map(({ format, label, what }) => (
        <li key={format}>
          {format === 'pdf' && pdfUnavailableReason ? (
            <p className="govuk-body">
              <strong>PDF not available.</strong> {pdfUnavailableReason}
            </p>
          ) : (
            <>
              <a
                className="govuk-link"
                href={briefingHref(period, format, published)}
                download
                data-testid={`download-${variant}-${format}`}
              >
                Download the {published ? 'published' : 'internal'} pack, {period} ({label})
              </a>
              <span className="govuk-hint govuk-!-margin-bottom-0">{what}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The quarter's briefing pack: what it is built from, sign-off, its headlines, a preview of its pages, downloads. */
export function BriefingPage() {
  const [params, setParams] = useSearchParams();
  const { user } = useSession();
  const periods = usePeriods();
  const period = params.get('period') || periods.data?.defaultPeriod || undefined;
  const summary = useBriefingSummary(period);
  const history = useSignOffs(period);
  useDocumentTitle(period ? `Briefing pack ${period}` : 'Briefing pack');

  const heading = (
    <h1 className="govuk-heading-l">
      {period ? <span className="govuk-caption-l">{period}</span> : null}
      Briefing pack
    </h1>
  );
  if (periods.isPending || (period && summary.isPending)) {
    return (
      <>
        {heading}
        <LoadingState what="the briefing pack" />
      </>
    );
  }
  if (!period || hasStatus(summary.error, 404)) {
    return (
      <>
        {heading}
        <NoDataYet />
      </>
    );
  }
  if (summary.isError || periods.isError) {
    return (
      <>
        {heading}
        <ErrorState
          what="briefing pack"
          error={summary.error ?? periods.error}
          onRetry={() => void summary.refetch()}
        />
      </>
    );
  }
  const pack = summary.data;
  if (!pack) return heading;
  const counts = pack.counts;
  return (
    <div className="app-briefing">
      {heading}
      <p className="govuk-body-l">
        The quarter&rsquo;s pack for the Safeguarding Accountability meeting: headlines, the scorecard, one
        page per exception and the definitions.
      </p>
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="briefing-period">
          Quarter
        </label>
        <select
          className="govuk-select"
          id="briefing-period"
          value={period}
          onChange={(event) =>
            setParams(
              event.target.value === periods.data?.defaultPeriod ? {} : { period: event.target.value },
            )
          }
        >
          {[...(periods.data?.periods ?? [])].reverse().map((p) => (
            <option key={p.period} value={p.period}>
              {p.period}
            </option>
          ))}
        </select>
      </div>

      <SignOffPanel
        summary={pack}
        history={history.data?.items ?? []}
        canSignOff={hasRole(user, 'manager')}
      />

      <h2 className="govuk-heading-m">What the pack shows</h2>
      <p className="govuk-body">
        Figures from snapshot <span className="app-snapshot__id">{pack.snapshotId}</span>, data loaded{' '}
        {formatDateTime(pack.generatedAt)}.
      </p>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">
          Indicators by rating, {pack.period}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {['Red', 'Amber', 'Green', 'Context', 'No rating'].map((label) => (
              <th scope="col" className="govuk-table__header govuk-table__header--numeric" key={label}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          <tr className="govuk-table__row">
            {[counts.red, counts.amber, counts.green, counts.context, counts.noRag].map((count, index) => (
              <td className="govuk-table__cell govuk-table__cell--numeric" key={index}>
                {count}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <p className="govuk-body">
        {pack.exceptions.length === 0
          ? 'No indicator is an exception this quarter.'
          : `Exceptions, one page each: ${pack.exceptions.join(', ')}.`}
      </p>

      <PackPreview period={pack.period} builtFrom={`${pack.snapshotId} ${pack.signOff?.id ?? 'draft'}`} />

      <h2 className="govuk-heading-m">Download</h2>
      <h3 className="govuk-heading-s">Internal version (OFFICIAL-SENSITIVE)</h3>
      <p className="govuk-body">
        For partnership members: real values and commentary; every page marked OFFICIAL-SENSITIVE.
      </p>
      <Downloads period={pack.period} published={false} pdfUnavailableReason={pack.pdfUnavailableReason} />
      <h3 className="govuk-heading-s">Published version</h3>
      <p className="govuk-body">
        For publication: small numbers (1 to 5) shown as [c], no commentary, no protective marking.
      </p>
      <Downloads period={pack.period} published pdfUnavailableReason={pack.pdfUnavailableReason} />
    </div>
  );
}
