import type { CurrentUser } from '@oscp/contracts';
import { Link } from 'react-router';
import { hasRole } from '../../../lib/session/session-context';
import { withQuery } from '../../../lib/http';
import { periodSlug } from '../../../lib/signoffs-api';

export type ScorecardFileFormat = 'csv' | 'xlsx';

const FORMAT_LABELS: Record<ScorecardFileFormat, string> = {
  csv: 'CSV',
  xlsx: 'Excel spreadsheet, XLSX',
};

/** `GET /api/exports/scorecard.csv|xlsx`: a quarter's scorecard as a file (the current snapshot's figures). */
export function scorecardFileHref(period: string, format: ScorecardFileFormat, published: boolean): string {
  return withQuery(`/api/exports/scorecard.${format}`, {
    period: periodSlug(period),
    published: published ? 'true' : undefined,
  });
}

/** As the export routes decide it: `@Roles('viewer')`, which every signed-in user holds. */
export function mayDownloadScorecard(user: CurrentUser | null): boolean {
  return hasRole(user, 'viewer');
}

export interface ScorecardDownloadsProps {
  period: string;
  user: CurrentUser | null;
  /**
   * The page shows other figures than the files hold (an earlier snapshot, or a signed-off
   * quarter's signed-off figures from an earlier snapshot): the files hold the current ones.
   */
  showingOtherFigures: boolean;
}

function FileLinks({ period, published }: { period: string; published: boolean }) {
  const variant = published ? 'published' : 'internal';
  return (
    <ul
      className="govuk-list app-download-list"
      aria-label={`${published ? 'Published' : 'Internal'} version files`}
    >
      {(['csv', 'xlsx'] as const).map((format) => (
        <li key={format}>
          <a
            className="govuk-link"
            href={scorecardFileHref(period, format, published)}
            download
            data-testid={`scorecard-download-${variant}-${format}`}
          >
            Download the {variant} scorecard, {period} ({FORMAT_LABELS[format]})
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * "Download this scorecard": the quarter's scorecard as CSV and Excel files, internal (with the
 * quarter's commentary) and published (disclosure control, no commentary). Only for roles the
 * export routes allow.
 */
export function ScorecardDownloads({ period, user, showingOtherFigures }: ScorecardDownloadsProps) {
  if (!mayDownloadScorecard(user)) return null;
  return (
    <section
      className="app-no-print app-scorecard-downloads"
      aria-labelledby="scorecard-downloads-heading"
      data-testid="scorecard-downloads"
    >
      <h2 className="govuk-heading-m" id="scorecard-downloads-heading">
        Download this scorecard
      </h2>
      <p className="govuk-body">
        The {period} scorecard as a file: one row per indicator, with plain-English column headings. A CSV
        file opens in any spreadsheet or text editor; the Excel file keeps numbers as numbers, with a filter
        on each column.
      </p>
      {showingOtherFigures ? (
        <p className="govuk-body" data-testid="scorecard-downloads-figures">
          The files hold the current figures for {period}, not the figures on this page. The{' '}
          <Link className="govuk-link" to={`/briefing?period=${encodeURIComponent(period)}`}>
            briefing pack
          </Link>{' '}
          has the signed-off figures of a signed-off quarter.
        </p>
      ) : null}
      <h3 className="govuk-heading-s">Internal version</h3>
      <p className="govuk-body">For partnership members: every figure, and the quarter&rsquo;s commentary.</p>
      <FileLinks period={period} published={false} />
      <h3 className="govuk-heading-s">Published version</h3>
      <p className="govuk-body">
        For publication: leaves out the commentary, and shows small numbers (1 to 5) and figures built on them
        as [c].
      </p>
      <FileLinks period={period} published />
    </section>
  );
}
