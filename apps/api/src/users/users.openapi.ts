import type { Page, UserSummary } from '@oscp/contracts';
import { z } from 'zod';
import { currentUserResponse } from '../auth/auth.openapi';
import { pageOf } from '../docs/zod-openapi';

/** Response shapes of the user routes, for the OpenAPI document (types: `@oscp/contracts`). */
export const userSummaryResponse = currentUserResponse.extend({
  disabled: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
}) satisfies z.ZodType<UserSummary>;

export const userListResponse = pageOf(userSummaryResponse) satisfies z.ZodType<Page<UserSummary>>;
