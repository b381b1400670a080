import { z } from 'zod';

/** Response shapes of the sign-off and briefing routes, for the OpenAPI document (types: `@oscp/contracts`). */
export const signOffResponse = z.object({
  id: z.string(),
  period: z.string().describe('2024-25 Q3'),
  snapshotId: z.string(),
  note: z.string().nullable(),
  signedOffBy: z.string(),
  signedOffAt: z.string().describe('ISO 8601'),
  withdrawnAt: z.string().nullable(),
  withdrawnBy: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
});
export const signOffListResponse = z.object({ items: z.array(signOffResponse), total: z.number() });

export const briefingSummaryResponse = z.object({
  period: z.string(),
  snapshotId: z.string(),
  generatedAt: z.string(),
  signOff: signOffResponse.nullable(),
  draft: z.boolean().describe('no sign-off applies: the pack is marked "DRAFT - not signed off"'),
  counts: z.object({
    red: z.number(),
    amber: z.number(),
    green: z.number(),
    context: z.number(),
    noRag: z.number(),
  }),
  exceptions: z.array(z.string()).describe('indicator codes with an exception page'),
  pdfUnavailableReason: z.string().nullable(),
});
