import { z } from 'zod';

const isoDateTime = z
  .string()
  .trim()
  .refine(
    (value) =>
      /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value) && !Number.isNaN(Date.parse(value)),
    {
      message: 'Write a date as YYYY-MM-DD or an ISO date and time.',
    },
  )
  .transform((value) => new Date(value));

const filters = {
  action: z.string().trim().min(1).max(100).optional(),
  actorId: z.uuid({ message: 'actorId must be a user id.' }).optional(),
  actorEmail: z.string().trim().min(1).max(320).optional(),
  target: z.string().trim().min(1).max(200).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
};

export const auditQuerySchema = z.strictObject({
  ...filters,
  limit: z.coerce.number({ message: 'limit must be a number.' }).int().min(1).max(500).default(50),
  offset: z.coerce.number({ message: 'offset must be a number.' }).int().min(0).default(0),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditExportQuerySchema = z.strictObject(filters);
export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;
