import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOkResponse({ schema: openApiSchema(indicatorDetailResponse, 'output') })
  detail(
    @ZodParam('code', indicatorCodeOrAsWritten) code: string,
    @ZodQuery(indicatorDetailQuery) query: IndicatorDetailQuery,
  ): Promise<IndicatorDetail> {
    return this.signedOff.indicatorDetail(code, query);
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
