import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CurrentUser, IndicatorDetail, IndicatorRecord, Page } from '@oscp/contracts';
import type { Request } from 'express';
import { AuditService } from '../audit/audit.service';
import { clientIp, SignedInUser } from '../auth/authenticated-request';
import { Roles } from '../auth/roles.decorator';
import { openApiSchema } from '../docs/zod-openapi';
import { ZodParam, ZodQuery } from '../http/zod-request';
import {
  indicatorCodeOrAsWritten,
  indicatorDetailQuery,
  indicatorRecordsQuery,
  type IndicatorDetailQuery,
  type IndicatorRecordsQuery,
} from './scorecard-query';
import { indicatorDetailResponse, indicatorRecordsResponse } from './scorecard.openapi';

import { ScorecardService } from './scorecard.service';

@ApiTags('scorecard')
@Controller('api/indicators')
export class IndicatorsController {
  constructor(
    private readonly scorecards: ScorecardService,
    private readonly audit: AuditService,
  ) {}

  @Get(':code')
  @Roles('viewer')
  @ApiOperation({ summary: 'An indicator: definition, trend, comparators, breakdown and data-quality notes' })
  @ApiOkResponse({ schema: openApiSchema(indicatorDetailResponse, 'output') })
  detail(
    @ZodParam('code', indicatorCodeOrAsWritten) code: string,
    @ZodQuery(indicatorDetailQuery) query: IndicatorDetailQuery,
  ): Promise<IndicatorDetail> {
    return this.scorecards.indicatorDetail(code, query);
  }

  @Get(':code/records')
  @Roles('analyst')
  @ApiOperation({ summary: 'The records behind a figure (pseudonymised ids only); every view is audited' })
  @ApiOkResponse({ schema: openApiSchema(indicatorRecordsResponse, 'output') })
  async records(
    @ZodParam('code', indicatorCodeOrAsWritten) code: string,
    @ZodQuery(indicatorRecordsQuery) parsed: IndicatorRecordsQuery,
    @SignedInUser() user: CurrentUser,
    @Req() request: Request,
  ): Promise<Page<IndicatorRecord>> {
    const page = await this.scorecards.records(code, parsed);
    // Which figure was opened, never which records: ids stay out of the audit log.
    await this.audit.record({
      actor: { id: user.id, email: user.email },
      action: 'records.viewed',
      target: `indicator:${code}`,
      detail: { code, period: page.period, part: parsed.part },
      ip: clientIp(request),
    });
    return { items: page.items, total: page.total, limit: page.limit, offset: page.offset };
  }
}
