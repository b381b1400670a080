import type { RunSummary } from '@oscp/contracts';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiRequestError } from '../../../app/api/http';
import { useDocumentTitle } from '../../../app/use-document-title';
import { SnapshotNotice } from '../../../components/SnapshotNotice';
import { formatCount, formatDateTime } from '../../../components/scorecard-format';
import { EmptyState, ErrorState, LoadingState, noDataMessage } from '../../../components/states/PageStates';
import { DataTable, type Column } from '../../../components/tables/DataTable';
import { Pagination } from '../../../components/tables/Pagination';
import { useSnapshots } from '../../scorecard/api/scorecard-api';
import { useRuns, useStartRun } from '../api/data-api';
import { RunProgress } from './RunProgress';
import { RunStatusTag, triggerLabels } from './status-tags';
import { UploadForm } from './UploadForm';

const pageSize = 10;

const runColumns: Column<RunSummary>[] = [
  {
    key: 'started',
    header: 'Started',
    rowHeader: true,
    cell: (r) => (
      <Link className="govuk-link" to={`/data/runs/${encodeURIComponent(r.id)}`}>
        {formatDateTime(r.startedAt)}
        <span className="govuk-visually-hidden"> run details</span>
      </Link>
    ),
  },
  { key: 'trigger', header: 'How it started', cell: (r) => triggerLabels[r.trigger] ?? r.trigger },
  {
    key: 'status',
    header: 'Status',
    cell: (r) => (
      <>
        <RunStatusTag status={r.status} />
        {r.error ? <span className="app-cell-note app-cell-note--left">{r.error}</span> : null}
      </>
    ),
  },
  { key: 'finished', header: 'Finished', cell: (r) => (r.finishedAt ? formatDateTime(r.finishedAt) : 'Still running') },
  { key: 'accepted', header: 'Files accepted', numeric: true, cell: (r) => formatCount(r.filesAccepted) },
  { key: 'rejected', header: 'Files rejected', numeric: true, cell: (r) => formatCount(r.filesRejected) },
  { key: 'quarantined', header: 'Rows quarantined', numeric: true, cell: (r) => formatCount(r.rowsQuarantined) },
  {
    key: 'snapshot',
    header: 'Snapshot',
    cell: (r) =>
      r.snapshotId ? (
        <Link className="govuk-link" to={`/?snapshot=${encodeURIComponent(r.snapshotId)}`}>
          Open<span className="govuk-visually-hidden"> snapshot {r.snapshotId}</span>
        </Link>
      ) : (
        '[z]'
      ),
  },
];

function RunNow({ onStarted }: { onStarted: (runId: string) => void }) {
  const startRun = useStartRun();
  const conflict = startRun.error instanceof ApiRequestError && startRun.error.status === 409;
  return (
    <>
      <p className="govuk-body">
        Checks the files in the inbox, loads what passes, and publishes a new snapshot if every data test passes.
      </p>
      <button
        type="button"
        className="govuk-button"
        disabled={startRun.isPending}
        aria-disabled={startRun.isPending}
        onClick={() => startRun.mutate(undefined, { onSuccess: (started) => onStarted(started.runId) })}
      >
        {startRun.isPending ? 'Starting…' : 'Run now'}
      </button>
      {startRun.isError ? (
        <p className="govuk-body" role="alert">
          {conflict ? startRun.error.message || 'A run is already in progress' : startRun.error.message}
        </p>
      ) : null}
    </>
  );
}

/** The run the user started from this page (by "Run now" or an upload), followed to its result. */
interface FollowedRun {
  runId: string;
  submissionId?: string;
}

export function DataPage() {
  useDocumentTitle('Data');
  const [params] = useSearchParams();
  const readOnly = !!params.get('snapshot');
  const [offset, setOffset] = useState(0);
  const [followed, setFollowed] = useState<FollowedRun | null>(null);
  const runs = useRuns(pageSize, offset);
  const snapshots = useSnapshots();
  const current = snapshots.data?.items.find((s) => s.current) ?? null;

  return (
    <>
      <h1 className="govuk-heading-l">Data</h1>
      <SnapshotNotice
        snapshotId={current?.id ?? null}
        period={current?.periods[current.periods.length - 1] ?? null}
        loadedAt={current?.createdAt ?? null}
        summary={current}
        earlier={false}
        latestHref="/data"
      />
      {readOnly ? (
        <p className="govuk-body">You opened an earlier snapshot: it is read only, so nothing can be loaded from here.</p>
      ) : (
        <div className="govuk-grid-row">
          <section className="govuk-grid-column-one-half" aria-labelledby="run-now-heading">
            <h2 className="govuk-heading-m" id="run-now-heading">
              Run the pipeline now
            </h2>
            <RunNow onStarted={(runId) => setFollowed({ runId })} />
          </section>
          <section className="govuk-grid-column-one-half" aria-labelledby="upload-heading">
            <h2 className="govuk-heading-m" id="upload-heading">
              Upload a dataset file
            </h2>
            <UploadForm onUploaded={(accepted) => setFollowed(accepted)} />
          </section>
        </div>
      )}

      {followed ? (
        <section aria-labelledby="followed-run-heading">
          <h2 className="govuk-heading-m" id="followed-run-heading">
            {followed.submissionId ? 'Your upload' : 'The run you started'}
          </h2>
          <RunProgress key={followed.runId} runId={followed.runId} submissionId={followed.submissionId} />
        </section>
      ) : null}

      <h2 className="govuk-heading-m">Run history</h2>
      {runs.isPending ? (
        <LoadingState what="the run history" />
      ) : runs.isError ? (
        <ErrorState what="run history" error={runs.error} onRetry={() => void runs.refetch()} />
      ) : runs.data.total === 0 ? (
        <EmptyState title={noDataMessage} />
      ) : (
        <>
          <DataTable caption="Pipeline runs, newest first" columns={runColumns} rows={runs.data.items} rowKey={(r) => r.id} />
          <Pagination total={runs.data.total} limit={pageSize} offset={offset} onChange={setOffset} label="runs" />
        </>
      )}
    </>
  );
}
