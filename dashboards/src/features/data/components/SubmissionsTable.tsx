import type { SubmissionSummary } from '@oscp/contracts';
import { formatCount, formatDate } from '../../../components/scorecard-format';
import { DataTable, type Column } from '../../../components/tables/DataTable';
import { censusCountsText } from '../api/data-api';
import { SubmissionStatusTag } from './status-tags';

const columns: Column<SubmissionSummary>[] = [
  {
    key: 'file',
    header: 'File',
    rowHeader: true,
    // The uploader's own name is text, shown as it was given (React escapes it); stored under the API's name.
    cell: (s) => (
      <>
        {s.originalFileName ?? s.fileName}
        {s.originalFileName ? (
          <span className="app-cell-note app-cell-note--left">
            Uploaded{s.uploadedBy ? ` by ${s.uploadedBy}` : ''}; stored as {s.fileName}
          </span>
        ) : null}
        {s.recordCounts ? (
          <span className="app-cell-note app-cell-note--left">Loaded: {censusCountsText(s.recordCounts)}</span>
        ) : null}
      </>
    ),
  },
  { key: 'dataset', header: 'Dataset', cell: (s) => s.dataset },
  { key: 'agency', header: 'Agency', cell: (s) => s.agency ?? '[x]' },
  { key: 'extract', header: 'Extract date', cell: (s) => formatDate(s.extractDate) },
  // A census's rows are its records (referrals, assessments, S47s, plans, reviews).
  { key: 'read', header: 'Rows read', numeric: true, cell: (s) => formatCount(s.rowsRead) },
  { key: 'accepted', header: 'Rows accepted', numeric: true, cell: (s) => formatCount(s.rowsAccepted) },
  { key: 'quarantined', header: 'Rows quarantined', numeric: true, cell: (s) => formatCount(s.rowsQuarantined) },
  {
    key: 'status',
    header: 'Result',
    cell: (s) => (
      <>
        <SubmissionStatusTag status={s.status} />
        {s.reason ? <span className="app-cell-note app-cell-note--left">{s.reason}</span> : null}
      </>
    ),
  },
];

/** Per-file counts of a run: what was read, accepted and quarantined, and why a file was rejected. */
export function SubmissionsTable({ submissions, caption }: { submissions: SubmissionSummary[]; caption: string }) {
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={submissions}
      rowKey={(s) => s.id}
      emptyMessage="No files in this run."
    />
  );
}
