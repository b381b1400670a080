import { z } from 'zod';

/** Response shapes of the subgroup routes, for the OpenAPI document (types: `@oscp/contracts`). */
export const subgroupResponse = z.object({
  id: z.string().describe('Stable id, e.g. performance-co-ordination'),
  name: z.string(),
  indicatorCodes: z.array(z.string()),
  retired: z.boolean(),
});
export const subgroupListResponse = z.array(subgroupResponse);
