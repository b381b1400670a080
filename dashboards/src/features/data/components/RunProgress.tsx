import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { formatCount } from '../../../components/scorecard-format';
import { ErrorState } from '../../../components/states/PageStates';
import { useRun } from '../api/data-api';
import { RunStatusTag } from './status-tags';
import { SubmissionsTable } from './SubmissionsTable';

/** Follows a run until it finishes, then shows its result (and the uploaded file's, when there is one). */
export function RunProgress({ runId, submissionId }: { runId: string; submissionId?: string }) {
  const run = useRun(runId, 20, 0);
  const queryClient = useQueryClient();
  const finishedStatus = run.data && run.data.status !== 'running' ? run.data.status : null;
  // A finished run may have published a new snapshot: everything read from the old one is stale.
  useEffect(() => {
    if (!finishedStatus) return;
    for (const key of ['runs', 'snapshots', 'health', 'scorecard', 'periods', 'indicator', 'indicator-records']) {
      void queryClient.invalidateQueries({ queryKey: [key] });
    }
  }, [finishedStatus, queryClient]);
  if (run.isError) return <ErrorState what="run" error={run.error} onRetry={() => void run.refetch()} />;
  if (run.isPending) {
    return (
      <p className="govuk-body" role="status">
        Starting the run…
      </p>
    );
  }
  const r = run.data;
  const finished = r.status !== 'running';
  const submissions = submissionId ? r.submissions.filter((s) => s.id === submissionId) : r.submissions;
  return (
    <div className={`app-run-result${finished ? ` app-run-result--${r.status}` : ''}`} data-testid="run-result">
      <p className="govuk-body" role="status" aria-live="polite">
        Run <RunStatusTag status={r.status} />{' '}
        {finished
          ? r.status === 'published'
            ? 'The checks passed and a new snapshot was published.'
            : r.status === 'unchanged'
              ? 'There was nothing new to load: the published snapshot stands.'
              : 'The run failed and nothing was published: the last good scorecard stays in place.'
          : 'Checking and loading the files. This page updates by itself.'}
      </p>
      {r.error ? <p className="govuk-body govuk-error-message">{r.error}</p> : null}
      {finished ? (
        <>
          <p className="govuk-body">
            Files accepted: {formatCount(r.filesAccepted)}. Files rejected: {formatCount(r.filesRejected)}. Rows
            quarantined: {formatCount(r.rowsQuarantined)}. Findings: {formatCount(r.findings.total)}.
          </p>
          {submissions.length ? (
            <SubmissionsTable
              submissions={submissions}
              caption={submissionId ? 'Your file' : 'Files in this run'}
            />
          ) : null}
          <p className="govuk-body">
            <Link className="govuk-link" to={`/data/runs/${encodeURIComponent(r.id)}`}>
              See the run's details and findings
            </Link>
          </p>
        </>
      ) : null}
    </div>
  );
}
