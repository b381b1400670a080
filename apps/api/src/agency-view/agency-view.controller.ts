import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AgencyView, CurrentUser } from '@oscp/contracts';
import { z } from 'zod';
import { agencyCodeParam } from '../agencies/agencies.dto';
import { SignedInUser } from '../auth/authenticated-request';
import { openApiSchema } from '../docs/zod-openapi';
import { agencyViewResponse } from '../partner-returns/partner-returns.openapi';
import { Roles } from '../auth/roles.decorator';
import { ZodParam, ZodQuery } from '../http/zod-request';
import { periodParam } from '../scorecard/scorecard-query';
import { AgencyViewService } from './agency-view.service';

const viewQuery = z.object({
  period: periodParam.optional().describe('`2024-25 Q3` or `2024-25-Q3`; default: the default quarter'),
});

@ApiTags('agencies')
@Controller('api/agencies/:code/view')
export class AgencyViewController {
  constructor(private readonly views: AgencyViewService) {}

  @Get()
  @Roles('viewer')
  @ApiOperation({
    summary:
      "One agency's quarter: indicators it owns, its rows in CP07/CP08 and its share of FD06, its partner returns, and sentences comparing the quarter with the one before",
  })
  @ApiOkResponse({ schema: openApiSchema(agencyViewResponse, 'output') })
  view(
    @ZodParam('code', agencyCodeParam) code: string,
    @ZodQuery(viewQuery) query: z.output<typeof viewQuery>,
    @SignedInUser() user: CurrentUser,
  ): Promise<AgencyView> {
    return this.views.view(code, query.period, user);
  }
}
