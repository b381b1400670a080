import { z } from 'zod';
import { ALL_ROLES } from '../auth/access-policy';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/password-hasher';

const roles = z
  .array(
    z.enum(ALL_ROLES as [string, ...string[]], {
      message: `Each role must be one of: ${ALL_ROLES.join(', ')}.`,
    }),
  )
  .max(5);
/** Subgroup ids from `GET /api/subgroups` (checked against the list by the service). */
const subgroups = z
  .array(z.string().trim().min(1, { message: 'Choose subgroups from the list.' }).max(140))
  .max(50);
const agency = z.string().trim().min(1).max(100).nullable();
const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, {
    message: `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`,
  })
  .max(MAX_PASSWORD_LENGTH, {
    message: `The password must be at most ${MAX_PASSWORD_LENGTH} characters long.`,
  });

export const createUserSchema = z.strictObject({
  email: z.email({ message: 'Enter a valid email address.' }).max(320),
  displayName: z.string().trim().min(1, { message: 'Enter a name.' }).max(200),
  password,
  roles: roles.default([]),
  agency: agency.default(null),
  subgroups: subgroups.default([]),
});
export type CreateUserBody = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .strictObject({
    displayName: z.string().trim().min(1, { message: 'Enter a name.' }).max(200).optional(),
    roles: roles.optional(),
    agency: agency.optional(),
    subgroups: subgroups.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one field to change.' });
export type UpdateUserBody = z.infer<typeof updateUserSchema>;

export const resetPasswordSchema = z.strictObject({ password });
export type ResetPasswordBody = z.infer<typeof resetPasswordSchema>;

export const listUsersQuerySchema = z.strictObject({
  limit: z.coerce.number({ message: 'limit must be a number.' }).int().min(1).max(500).default(50),
  offset: z.coerce.number({ message: 'offset must be a number.' }).int().min(0).default(0),
  q: z.string().trim().max(200).optional(),
  role: z.enum(ALL_ROLES as [string, ...string[]]).optional(),
  disabled: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

export const userIdSchema = z.uuid({ message: 'No such user.' });
