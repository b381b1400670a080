import { Controller, Get, Put, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CurrentUser, TargetList, TargetOverride } from '@oscp/contracts';
import type { Request } from 'express';
import { z } from 'zod';
import { clientIp, SignedInUser } from '../auth/authenticated-request';
import { Roles } from '../auth/roles.decorator';
import { openApiSchema } from '../docs/zod-openapi';
import { ZodBody, ZodParams, ZodQuery } from '../http/zod-request';
import { financialYearParam, targetChangeBody } from './target-change';
import { targetListResponse, targetOverrideResponse } from './targets.openapi';
import { TargetsService } from './targets.service';

const listQuery = z.object({
  financialYear: financialYearParam.optional().describe('`2024-25`; default: the current financial year'),
});
const changeParams = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}\d{2}$/, { message: 'must be an indicator code such as FD02' }),
  financialYear: financialYearParam.describe('`2024-25`'),
});

@ApiTags('targets')
@Controller('api/targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  @Get()
  @Roles('viewer')
  @ApiOperation({
    summary: "Each indicator's target for a financial year: catalogue default, changes, the one in force",
  })
  @ApiOkResponse({ schema: openApiSchema(targetListResponse, 'output') })
  list(@ZodQuery(listQuery) query: z.output<typeof listQuery>): Promise<TargetList> {
    return this.targets.list(query.financialYear);
  }

  @Put(':code/:financialYear')
  @Roles('analyst')
  @ApiOperation({ summary: 'Change a target for a financial year (used from the next ETL run; audited)' })
  @ApiOkResponse({ schema: openApiSchema(targetOverrideResponse, 'output') })
  change(
    @ZodParams(changeParams) { code, financialYear }: z.output<typeof changeParams>,
    @ZodBody(targetChangeBody) change: z.output<typeof targetChangeBody>,
    @SignedInUser() user: CurrentUser,
    @Req() request: Request,
  ): Promise<TargetOverride> {
    return this.targets.change(
      code,
      financialYear,
      change,
      { id: user.id, email: user.email },
      clientIp(request),
    );
  }
}
