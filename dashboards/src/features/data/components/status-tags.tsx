import type { FindingKind, RunStatus, RunTrigger, SubmissionStatus } from '@oscp/contracts';

const runStatus: Record<RunStatus, { label: string; className: string }> = {
  running: { label: 'Running', className: 'govuk-tag--blue' },
  published: { label: 'Published', className: 'govuk-tag--green' },
  unchanged: { label: 'Nothing new', className: 'govuk-tag--grey' },
  failed: { label: 'Failed', className: 'govuk-tag--red' },
};

const submissionStatus: Record<SubmissionStatus, { label: string; className: string }> = {
  accepted: { label: 'Accepted', className: 'govuk-tag--green' },
  rejected: { label: 'Rejected', className: 'govuk-tag--red' },
  skipped_duplicate: { label: 'Already loaded', className: 'govuk-tag--grey' },
};

export const triggerLabels: Record<RunTrigger, string> = {
  schedule: 'Schedule',
  manual: 'Run now',
  upload: 'Upload',
  cli: 'Command line',
  startup: 'Start-up',
};

export const findingKindLabels: Record<FindingKind, string> = {
  row_quarantined: 'Row quarantined',
  file_rejected: 'File rejected',
  warning: 'Warning',
};

export function RunStatusTag({ status }: { status: RunStatus }) {
  const tag = runStatus[status] ?? { label: status, className: 'govuk-tag--grey' };
  return <strong className={`govuk-tag ${tag.className} app-tag`}>{tag.label}</strong>;
}

export function SubmissionStatusTag({ status }: { status: SubmissionStatus }) {
  const tag = submissionStatus[status] ?? { label: status, className: 'govuk-tag--grey' };
  return <strong className={`govuk-tag ${tag.className} app-tag`}>{tag.label}</strong>;
}
