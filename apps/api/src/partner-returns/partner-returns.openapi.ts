import { z } from 'zod';

/** Response shapes of the agencies, partner returns and agency view routes for the OpenAPI document (types: `@oscp/contracts`). */
const nullableNumber = z.number().nullable();
const returnStatus = z.enum(['received_on_time', 'received_late', 'overdue', 'not_yet_due']);

export const agencyResponse = z.object({
  code: z.string().describe('POLICE'),
  name: z.string(),
  type: z.enum([
    'local_authority',
    'police',
    'health',
    'education',
    'justice',
    'housing',
    'partnership',
    'other',
  ]),
  returnDueWorkingDays: z.number().int(),
  contactEmail: z.string().nullable().describe('administrators and analysts only'),
  retired: z.boolean(),
});

export const partnerReturnResponse = z.object({
  period: z.string().describe('2024-25 Q3'),
  agency: z.string(),
  agencyName: z.string(),
  indicatorCode: z.string(),
  indicatorTitle: z.string(),
  dueDate: z.string().describe('YYYY-MM-DD'),
  status: returnStatus,
  receivedOn: z.string().nullable(),
  workingDaysOverdue: z.number().int(),
  submissionId: z.string().nullable(),
  fileName: z.string().nullable(),
  uploader: z
    .object({ originalFileName: z.string().nullable(), uploadedBy: z.string().nullable() })
    .nullable()
    .describe('analysts only'),
});

export const trackerResponse = z.object({
  snapshotId: z.string().nullable(),
  asOf: z.string().nullable(),
  period: z.string().nullable(),
  returns: z.array(partnerReturnResponse),
  matrix: z.array(z.object({ period: z.string(), returns: z.array(partnerReturnResponse) })),
});

export const reminderResponse = z.object({
  id: z.uuid(),
  period: z.string(),
  agency: z.string(),
  indicatorCode: z.string(),
  kind: z.enum(['due_soon', 'overdue']),
  dueDate: z.string(),
  recipient: z.string().nullable(),
  subject: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  notSentBecause: z.string().nullable(),
});

export const outboxRefreshResponse = z.object({ added: z.number().int(), sent: z.number().int() });

export const agencyViewResponse = z.object({
  agency: agencyResponse,
  period: z.string(),
  previousPeriod: z.string().nullable(),
  snapshotId: z.string(),
  owned: z
    .array(z.object({ code: z.string(), title: z.string(), display: z.string() }).passthrough())
    .describe("the scorecard's indicators the agency owns"),
  contributions: z.array(
    z.object({
      indicatorCode: z.string(),
      indicatorTitle: z.string(),
      key: z.string(),
      numerator: z.number(),
      denominator: z.number(),
      value: nullableNumber,
      display: z.string(),
      previousValue: nullableNumber,
      previousDisplay: z.string().nullable(),
    }),
  ),
  returns: z.array(partnerReturnResponse),
  overdueActions: z.array(
    z.object({
      reportId: z.uuid(),
      indicatorCode: z.string(),
      period: z.string(),
      what: z.string(),
      dueDate: z.string(),
    }),
  ),
  summary: z.array(z.string()),
});
