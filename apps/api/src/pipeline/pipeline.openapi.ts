import type { Page, RunDetail, RunStarted, RunSummary, UploadAccepted } from '@oscp/contracts';
import { z } from 'zod';
import { pageOf } from '../docs/zod-openapi';

/** Response shapes of the run and upload routes, for the OpenAPI document (types: `@oscp/contracts`). */
export const runStartedResponse = z.object({ runId: z.string() }) satisfies z.ZodType<RunStarted>;

export const uploadAcceptedResponse = z.object({
  submissionId: z.string(),
  runId: z.string(),
}) satisfies z.ZodType<UploadAccepted>;

const findingKind = z.enum(['row_quarantined', 'file_rejected', 'warning']);

const runSummary = z.object({
  id: z.string(),
  trigger: z.enum(['schedule', 'manual', 'upload', 'cli', 'startup']),
  status: z.enum(['running', 'published', 'unchanged', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  snapshotId: z.string().nullable(),
  error: z.string().nullable(),
  filesAccepted: z.number(),
  filesRejected: z.number(),
  rowsQuarantined: z.number(),
  sourcesByQuarter: z.array(
    z.object({
      dataset: z.string(),
      period: z.string(),
      source: z.enum(['cin_census', 'extract']),
      fileName: z.string(),
      extractDate: z.string(),
    }),
  ),
});

export const runListResponse = pageOf(runSummary) satisfies z.ZodType<Page<RunSummary>>;

const finding = z.object({
  id: z.string(),
  runId: z.string(),
  submissionId: z.string().nullable(),
  kind: findingKind,
  dataset: z.string(),
  fileName: z.string(),
  line: z.number().nullable(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  rule: z.string(),
  message: z.string(),
});

export const runDetailResponse = runSummary.extend({
  submissions: z.array(
    z.object({
      id: z.string(),
      runId: z.string(),
      dataset: z.string(),
      fileName: z.string(),
      agency: z.string().nullable(),
      extractDate: z.string(),
      sha256: z.string(),
      rowsRead: z.number(),
      rowsAccepted: z.number(),
      rowsQuarantined: z.number(),
      status: z.enum(['accepted', 'rejected', 'skipped_duplicate']),
      reason: z.string().nullable(),
      originalFileName: z.string().nullable(),
      uploadedBy: z.string().nullable(),
      recordCounts: z.record(z.string(), z.number()).nullable(),
    }),
  ),
  findingGroups: z.array(
    z.object({
      dataset: z.string(),
      rule: z.string(),
      kind: findingKind,
      count: z.number(),
      examples: z.array(finding),
    }),
  ),
  findings: pageOf(finding),
  findingCounts: z.array(
    z.object({ fileName: z.string(), column: z.string().nullable(), kind: findingKind, count: z.number() }),
  ),
}) satisfies z.ZodType<RunDetail>;
