import { z } from 'zod';

export const AGENCY_TYPES = [
  'local_authority',
  'police',
  'health',
  'education',
  'justice',
  'housing',
  'partnership',
  'other',
] as const;

const name = z.string().trim().min(1, { message: 'Enter a name.' }).max(200);
const type = z.enum(AGENCY_TYPES, { message: `The type must be one of: ${AGENCY_TYPES.join(', ')}.` });
const dueDays = z
  .number({ message: 'The due days must be a whole number.' })
  .int({ message: 'The due days must be a whole number.' })
  .min(0, { message: 'The due days must be 0 or more.' })
  .max(120, { message: 'The due days must be at most 120.' });
const contactEmail = z.email({ message: 'Enter a valid email address.' }).max(320).nullable();

export const agencyCodeParam = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9_]{0,31}$/, {
    message: 'An agency code is capital letters, digits and _ (for example POLICE), at most 32 characters.',
  });

export const createAgencySchema = z.strictObject({
  code: agencyCodeParam,
  name,
  type,
  returnDueWorkingDays: dueDays.default(20),
  contactEmail: contactEmail.default(null),
});
export type CreateAgencyBody = z.infer<typeof createAgencySchema>;

export const updateAgencySchema = z
  .strictObject({
    name: name.optional(),
    type: type.optional(),
    returnDueWorkingDays: dueDays.optional(),
    contactEmail: contactEmail.optional(),
    retired: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one field to change.' });
export type UpdateAgencyBody = z.infer<typeof updateAgencySchema>;
