import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-hasher';

export const signInSchema = z.strictObject({
  email: z
    .string()
    .trim()
    .min(1, { message: 'Enter your email address.' })
    .max(320, { message: 'The email address is too long.' }),
  password: z
    .string()
    .min(1, { message: 'Enter your password.' })
    .max(MAX_PASSWORD_LENGTH, { message: 'The password is too long.' }),
});

export type SignInBody = z.infer<typeof signInSchema>;

export const changePasswordSchema = z.strictObject({
  currentPassword: z
    .string()
    .min(1, { message: 'Enter your current password.' })
    .max(MAX_PASSWORD_LENGTH, { message: 'The password is too long.' }),
  newPassword: z
    .string()
    .min(MIN_PASSWORD_LENGTH, {
      message: `The new password must be at least ${MIN_PASSWORD_LENGTH} characters long.`,
    })
    .max(MAX_PASSWORD_LENGTH, {
      message: `The new password must be at most ${MAX_PASSWORD_LENGTH} characters long.`,
    }),
});

export type ChangePasswordBody = z.infer<typeof changePasswordSchema>;
