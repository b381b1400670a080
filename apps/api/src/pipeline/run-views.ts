import type { QualityFinding, RunSummary, SubmissionSummary } from '@oscp/contracts';
import type { EtlRunEntity } from './etl-run.entity';
import type { QualityFindingEntity } from './quality-finding.entity';
import type { SubmissionEntity } from './submission.entity';

/** Entities as they cross HTTP (`@oscp/contracts`). */
export function toRunSummary(run: EtlRunEntity): RunSummary {
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt ? run.finishedAt.toISOString() : null,
    snapshotId: run.snapshotId,
    error: run.error,
    filesAccepted: run.filesAccepted,
    filesRejected: run.filesRejected,
    rowsQuarantined: run.rowsQuarantined,
  };
}

export function toSubmissionSummary(row: SubmissionEntity): SubmissionSummary {
  return {
    id: row.id,
    runId: row.runId,
    dataset: row.dataset,
    fileName: row.fileName,
    agency: row.agency,
    extractDate: row.extractDate,
    sha256: row.sha256,
    rowsRead: row.rowsRead,
    rowsAccepted: row.rowsAccepted,
    rowsQuarantined: row.rowsQuarantined,
    status: row.status,
    reason: row.reason,
  };
}

export function toQualityFinding(row: QualityFindingEntity): QualityFinding {
  return {
    id: row.id,
    runId: row.runId,
    submissionId: row.submissionId,
    kind: row.kind,
    dataset: row.dataset,
    fileName: row.fileName,
    line: row.line,
    column: row.column,
    value: row.value,
    rule: row.rule,
    message: row.message,
  };
}
