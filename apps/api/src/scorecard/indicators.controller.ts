import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type {
  CatalogueIndicator,
  CurrentUser,
  IndicatorDetail,
  IndicatorRecord,
  Page,
} from '@oscp/contracts';
import { catalogue } from '@oscp/scorecard';
import { z } from 'zod';
import type { Request } from 'express';
import { AuditService } from '../audit/audit.service';
import { clientIp, SignedInUser } from '../auth/authenticated-request';
import { Roles } from '../auth/roles.decorator';
import { openApiSchema } from '../docs/zod-openapi';
import {
  indicatorCodeParam,
  indicatorDetailQuery,
  indicatorRecordsQuery,
  parseOrBadRequest,
} from './scorecard-query';
import { ScorecardService } from './scorecard.service';
import { SignedOffScorecards } from './signed-off-scorecard';

const catalogueIndicatorListResponse = z.array(
  z.object({
    code: z.string().describe('e.g. FD02'),
    title: z.string(),
    theme: z.enum(['front_door', 'child_protection', 'neglect', 'priority_themes']),
  }),
);

@ApiTags('scorecard')
@Controller('api/indicators')
export class IndicatorsController {
  constructor(
    private readonly scorecards: ScorecardService,
    private readonly signedOff: SignedOffScorecards,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'Every indicator of the catalogue, in catalogue order: code, title and theme' })
  @ApiOkResponse({ schema: openApiSchema(catalogueIndicatorListResponse, 'output') })
  list(): CatalogueIndicator[] {
    return catalogue.map((definition) => ({
      code: definition.code,
      title: definition.title,
      theme: definition.theme,
    }));
  }

  @Get(':code')
  @Roles('viewer')
  @ApiOperation({ summary: 'An indicator: definition, trend, comparators, breakdown and data-quality notes' })
  @ApiQuery({
    name: 'quarters',
    required: false,
    description: 'quarters of trend up to the period, 1-40 (default 8)',
  })
  @ApiQuery({
    name: 'period',
    required: false,
    description: '`2024-25 Q3` or `2024-25-Q3`; default: the snapshot default',
  })
  @ApiQuery({ name: 'snapshot', required: false, description: 'an earlier published snapshot id' })
  @ApiQuery({
    name: 'figures',
    required: false,
    enum: ['signed_off', 'latest'],
    description: 'for a signed-off quarter: its signed-off figures (default) or the latest snapshot’s',
  })
  detail(@Param('code') code: string, @Query() query: Record<string, unknown>): Promise<IndicatorDetail> {
    return this.signedOff.indicatorDetail(this.code(code), parseOrBadRequest(indicatorDetailQuery, query));
  }

  @Get(':code/records')
  @Roles('analyst')
  @ApiOperation({ summary: 'The records behind a figure (pseudonymised ids only); every view is audited' })
  @ApiQuery({ name: 'part', required: true, enum: ['numerator', 'denominator'] })
  @ApiQuery({
    name: 'period',
    required: false,
    description: '`2024-25 Q3` or `2024-25-Q3`; default: the snapshot default',
  })
  @ApiQuery({ name: 'limit', required: false, description: '1-1000, default 100' })
  @ApiQuery({ name: 'offset', required: false, description: 'default 0' })
  @ApiQuery({ name: 'snapshot', required: false, description: 'an earlier published snapshot id' })
  async records(
    @Param('code') code: string,
    @Query() query: Record<string, unknown>,
    @SignedInUser() user: CurrentUser,
    @Req() request: Request,
  ): Promise<Page<IndicatorRecord>> {
    const parsed = parseOrBadRequest(indicatorRecordsQuery, query);
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
