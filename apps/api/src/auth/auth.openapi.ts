import type { CurrentUser, SessionInfo } from '@oscp/contracts';
import { z } from 'zod';

/** Response shapes of the sign-in routes, for the OpenAPI document (types: `@oscp/contracts`). */
export const currentUserResponse = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(['viewer', 'chair', 'manager', 'analyst', 'admin'])),
  agency: z.string().nullable(),
  subgroups: z.array(z.string()),
}) satisfies z.ZodType<CurrentUser>;

export const sessionInfoResponse = z.object({
  user: currentUserResponse,
  csrfToken: z.string().describe('send back as the x-csrf-token header on every state-changing request'),
  expiresAt: z.string(),
}) satisfies z.ZodType<SessionInfo>;
