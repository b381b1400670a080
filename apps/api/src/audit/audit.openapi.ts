import type { AuditEntry, Page } from '@oscp/contracts';
import { z } from 'zod';
import { pageOf } from '../docs/zod-openapi';

/** Response shape of the audit log route, for the OpenAPI document (types: `@oscp/contracts`). */
export const auditListResponse = pageOf(
  z.object({
    id: z.string(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorEmail: z.string().nullable(),
    action: z.string(),
    target: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
  }),
) satisfies z.ZodType<Page<AuditEntry>>;
