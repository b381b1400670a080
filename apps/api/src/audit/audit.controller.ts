import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuditEntry, CurrentUser, Page } from '@oscp/contracts';
import type { Response } from 'express';
import { clientIp, SignedInUser, type AuthenticatedRequest } from '../auth/authenticated-request';
import { Roles } from '../auth/roles.decorator';
import { fileResponse, openApiSchema } from '../docs/zod-openapi';
import { ZodQuery } from '../http/zod-request';
import { auditListResponse } from './audit.openapi';
import { auditCsvLines } from './audit-csv';
import {
  auditExportQuerySchema,
  auditQuerySchema,
  type AuditExportQuery,
  type AuditQuery,
} from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Roles('admin')
@Controller('api')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('audit')
  @ApiOperation({
    summary: 'The audit log, newest first, filtered by action prefix, actor, target and time (admin).',
  })
  @ApiOkResponse({ schema: openApiSchema(auditListResponse, 'output') })
  list(@ZodQuery(auditQuerySchema) query: AuditQuery): Promise<Page<AuditEntry>> {
    const { limit, offset, ...filter } = query;
    return this.audit.list(filter, limit, offset);
  }

  @Get('audit.csv')
  @ApiOperation({ summary: 'The audit log as CSV, oldest first, with the same filters (admin).' })
  @ApiProduces('text/csv')
  @ApiOkResponse(fileResponse('text/csv'))
  async exportCsv(
    @SignedInUser() actor: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
    @ZodQuery(auditExportQuerySchema) filter: AuditExportQuery,
  ): Promise<void> {
    await this.audit.record({
      actor,
      action: 'export.audit',
      target: null,
      detail: { filter: describeFilter(filter) },
      ip: clientIp(request),
    });
    response.status(200);
    response.setHeader('content-type', 'text/csv; charset=utf-8');
    response.setHeader('content-disposition', 'attachment; filename="audit-log.csv"');
    response.write(auditCsvLines([], true));
    for await (const batch of this.audit.stream(filter)) response.write(auditCsvLines(batch, false));
    response.end();
  }
}

function describeFilter(filter: AuditExportQuery): Record<string, string> {
  const described: Record<string, string> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value instanceof Date) described[key] = value.toISOString();
    else if (typeof value === 'string') described[key] = value;
  }
  return described;
}
