import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { CurrentUser, IndicatorDetail, IndicatorRecord, Page } from '@oscp/contracts';
import type { Request } from 'express';
import { AuditService } from '../audit/audit.service';
import { clientIp, SignedInUser } from '../auth/authenticated-request';
import { Roles } from '../auth/roles.decorator';
import { openApiSchema } from '../docs/zod-openapi';
import { ZodQuery } from '../http/zod-request';
import {
  indicatorCodeParam,
  indicatorDetailQuery,
  indicatorRecordsQuery,
  type IndicatorDetailQuery,
  type IndicatorRecordsQuery,
} from './scorecard-query';
import { indicatorDetailResponse, indicatorRecordsResponse } from './scorecard.openapi';

// An unknown or badly written code is answered 404 by the catalogue look-up, so the path
// parameter is documented here rather than checked by a pipe.
const CODE_PARAM = {
  name: 'code',
  required: true,
  schema: openApiSchema(indicatorCodeParam),
  description: 'an indicator code such as FD01 (any case)',
} as const;
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
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({ schema: openApiSchema(indicatorDetailResponse, 'output') })
  detail(
    @Param('code') code: string,
    @ZodQuery(indicatorDetailQuery) query: IndicatorDetailQuery,
  ): Promise<IndicatorDetail> {
    return this.scorecards.indicatorDetail(this.code(code), query);
  }

  @Get(':code/records')
  @Roles('analyst')
  @ApiOperation({ summary: 'The records behind a figure (pseudonymised ids only); every view is audited' })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({ schema: openApiSchema(indicatorRecordsResponse, 'output') })
  async records(
    @Param('code') code: string,
    @ZodQuery(indicatorRecordsQuery) parsed: IndicatorRecordsQuery,
    @SignedInUser() user: CurrentUser,
    @Req() request: Request,
  ): Promise<Page<IndicatorRecord>> {
    const page = await this.scorecards.records(this.code(code), parsed);
    // Which figure was opened, never which records: ids stay out of the audit log.
    await this.audit.record({
      actor: { id: user.id, email: user.email },
      action: 'records.viewed',
      target: `indicator:${this.code(code)}`,
      detail: { code: this.code(code), period: page.period, part: parsed.part },
      ip: clientIp(request),
    });
    return { items: page.items, total: page.total, limit: page.limit, offset: page.offset };
  }

  private code(raw: string): string {
    const parsed = indicatorCodeParam.safeParse(raw);
    if (!parsed.success) return raw;
    return parsed.data;
  }
}
