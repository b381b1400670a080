import { z } from 'zod';

/** Response shapes of the exception and commentary routes for the OpenAPI document (types: `@oscp/contracts`). */
const nullableNumber = z.number().nullable();
const status = z.enum(['draft', 'submitted', 'returned', 'accepted', 'closed']);

export const exceptionReportResponse = z.object({
  id: z.uuid(),
  indicatorCode: z.string(),
  period: z.string().describe('2024-25 Q3'),
  status,
  subgroupIds: z.array(z.string()),
  openedBy: z.enum(['automatic', 'by_hand']),
  evidence: z
    .object({
      snapshotId: z.string(),
      period: z.string(),
      title: z.string(),
      owner: z.string(),
      unit: z.string(),
      polarity: z.string(),
      value: nullableNumber,
      display: z.string(),
      status: z.string(),
      numerator: nullableNumber,
      denominator: nullableNumber,
      target: z.union([z.number(), z.object({ low: z.number(), high: z.number() }), z.null()]),
      tolerance: nullableNumber,
      rag: z.enum(['green', 'amber', 'red']).nullable(),
      direction: z.string().nullable(),
      previousValue: nullableNumber,
      exception: z.boolean(),
      reasons: z.array(z.enum(['red', 'declining_two_quarters', 'partner_return_missing'])),
      partnerReturnWorkingDaysOverdue: z
        .number()
        .int()
        .optional()
        .describe('With partner_return_missing: working days the return was overdue on the run date'),
      series: z.array(
        z.object({
          period: z.string(),
          value: nullableNumber,
          display: z.string(),
          rag: z.string().nullable(),
        }),
      ),
      comparators: z
        .object({
          year: z.string(),
          england: nullableNumber,
          region: nullableNumber,
          statNeighbours: nullableNumber,
          note: z.string().nullable(),
        })
        .nullable(),
      regionName: z
        .string()
        .nullable()
        .optional()
        .describe('the region of the region comparator; absent from evidence frozen before it was recorded'),
      breakdown: z.array(
        z.object({
          key: z.string(),
          numerator: nullableNumber,
          denominator: nullableNumber,
          value: nullableNumber,
        }),
      ),
      dataQuality: z.array(
        z.object({ dataset: z.string(), quarantinedRows: z.number(), rejectedFiles: z.number() }),
      ),
    })
    .describe('Frozen from the snapshot the report was opened from'),
  revisions: z.array(
    z.object({ snapshotId: z.string(), at: z.string(), value: nullableNumber, display: z.string() }),
  ),
  cause: z.string(),
  dataQualityNote: z.string(),
  impact: z.string(),
  actions: z.array(
    z.object({
      id: z.uuid(),
      what: z.string(),
      ownerAgency: z.string(),
      dueDate: z.string(),
      status: z.enum(['open', 'done']),
      overdue: z.boolean(),
      carriedOverFrom: z.string().nullable(),
    }),
  ),
  trajectoryPeriod: z.string().nullable(),
  escalationNeeded: z.boolean().nullable(),
  escalationTo: z.string(),
  returnComment: z.string().nullable(),
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const exceptionReportListResponse = z.object({
  items: z.array(exceptionReportResponse),
  total: z.number().int(),
  counts: z.record(status, z.number().int()),
});

export const historyEntryResponse = z.object({
  id: z.uuid(),
  at: z.string(),
  actor: z.string().nullable(),
  action: z.string(),
  comment: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
});
export const historyResponse = z.array(historyEntryResponse);

export const commentaryResponse = z.object({
  indicatorCode: z.string(),
  period: z.string(),
  text: z.string(),
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
  history: z.array(historyEntryResponse).optional(),
});
export const commentaryListResponse = z.array(commentaryResponse);
