import type { Health } from '@oscp/contracts';
import { z } from 'zod';

/** Response shape of the health route, for the OpenAPI document (type: `@oscp/contracts`). */
export const healthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['ok', 'error']),
  warehouse: z.enum(['ok', 'empty', 'degraded', 'error']),
  reason: z.string().optional(),
  lastRun: z.object({ id: z.string(), status: z.string(), finishedAt: z.string().nullable() }).nullable(),
}) satisfies z.ZodType<Health>;
