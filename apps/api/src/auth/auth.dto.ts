import { z } from 'zod';
import { MAX_PASSWORD_LENGTH } from './password-hasher';

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
