import type { TargetList, TargetOverride } from '@oscp/contracts';
import { z } from 'zod';
import { targetSchema } from '../scorecard/scorecard.openapi';

/** Response shapes of the target routes, for the OpenAPI document (types: `@oscp/contracts`). */
export const targetOverrideResponse = z.object({
  id: z.string(),
  code: z.string(),
  financialYear: z.string().describe('2024-25'),
  target: targetSchema,
  tolerance: z.number(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
}) satisfies z.ZodType<TargetOverride>;

export const targetListResponse = z.object({
  financialYear: z.string(),
  items: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      unit: z.enum(['count', 'percent', 'rate10k', 'rate100k']),
      polarity: z.enum(['higher', 'lower', 'range', 'context']),
      financialYear: z.string(),
      target: targetSchema,
      tolerance: z.number().nullable(),
      source: z.enum(['catalogue', 'override']),
      catalogueTarget: targetSchema,
      catalogueTolerance: z.number().nullable(),
      history: z.array(targetOverrideResponse),
    }),
  ),
}) satisfies z.ZodType<TargetList>;
