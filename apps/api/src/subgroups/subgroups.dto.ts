import { indicatorByCode } from '@oscp/scorecard';
import { z } from 'zod';

const name = z
  .string({ message: 'Enter the subgroup name.' })
  .trim()
  .min(1, { message: 'Enter the subgroup name.' })
  .max(120, { message: 'The name must be at most 120 characters.' });

const indicatorCodes = z
  .array(
    z
      .string()
      .trim()
      .toUpperCase()
      .refine((code) => indicatorByCode(code) !== undefined, {
        message: 'Each indicator must be a code from the catalogue, such as FD02.',
      }),
  )
  .max(100);

export const createSubgroupSchema = z.strictObject({
  name,
  indicatorCodes: indicatorCodes.default([]),
});
export type CreateSubgroupBody = z.infer<typeof createSubgroupSchema>;

export const updateSubgroupSchema = z
  .strictObject({
    name: name.optional(),
    indicatorCodes: indicatorCodes.optional(),
    retired: z.boolean({ message: 'retired must be true or false.' }).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one field to change.' });
export type UpdateSubgroupBody = z.infer<typeof updateSubgroupSchema>;

export const subgroupIdSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{1,140}$/, { message: 'No such subgroup.' });
