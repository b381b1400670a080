import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { discoverInbox } from '../src/inbox';
import type { AcceptedSubmission, Finding } from '../src/types';
import { validateSubmission } from '../src/validation';

export interface ValidatedInbox {
  submissions: AcceptedSubmission[];
  findings: Finding[];
  rejectedFiles: string[];
  /** Quarantined rows per dataset from validation (cross-file findings not included). */
  quarantinedByDataset: Record<string, number>;
}

/**
 * Validates every file of an inbox as a run would, writing each accepted file's Parquet into
 * `workDir`: the test-side stand-in for the pipeline service, which also records submissions.
 */
export async function validateInbox(inboxDir: string, workDir: string): Promise<ValidatedInbox> {
  await mkdir(workDir, { recursive: true });
  const listing = await discoverInbox(inboxDir);
  const submissions: AcceptedSubmission[] = [];
  const findings: Finding[] = [];
  const rejectedFiles: string[] = [];
  const quarantinedByDataset: Record<string, number> = {};
  for (const [index, file] of listing.files.entries()) {
    const submissionId = `sub-${String(index + 1).padStart(3, '0')}`;
    const outputPath = join(workDir, `${submissionId}.parquet`);
    const result = await validateSubmission({
      path: file.path,
      fileName: file.fileName,
      dataset: file.dataset,
      extractDate: file.extractDate,
      format: file.format,
      outputPath,
      rejectThresholdPct: 10,
    });
    findings.push(...result.findings);
    quarantinedByDataset[file.dataset] = (quarantinedByDataset[file.dataset] ?? 0) + result.rowsQuarantined;
    if (result.status === 'accepted' && result.outputPath) {
      submissions.push({
        submissionId,
        dataset: file.dataset,
        fileName: file.fileName,
        extractDate: file.extractDate,
        parquetPath: result.outputPath,
      });
    } else {
      rejectedFiles.push(file.fileName);
    }
  }
  return { submissions, findings, rejectedFiles, quarantinedByDataset };
}
