import { Body, Controller, Get, Param, Put, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CurrentUser, TargetList, TargetOverride } from '@oscp/contracts';
import type { Request } from 'express';
import { z } from 'zod';
import { clientIp, SignedInUser } from '../auth/authenticated-request';
import { Roles } from '../auth/roles.decorator';
import { parseOrBadRequest } from '../scorecard/scorecard-query';
import { financialYearParam, targetChangeBody } from './target-change';
import { TargetsService } from './targets.service';

const listQuery = z.object({ financialYear: financialYearParam.optional() });
const changeParams = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}\d{2}$/, { message: 'must be an indicator code such as FD02' }),
  financialYear: financialYearParam,
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
  @ApiQuery({
    name: 'financialYear',
    required: false,
    description: '`2024-25`; default: the current financial year',
  })
  list(@Query() query: Record<string, unknown>): Promise<TargetList> {
    return this.targets.list(parseOrBadRequest(listQuery, query).financialYear);
  }

  @Put(':code/:financialYear')
  @Roles('analyst')
  @ApiOperation({ summary: 'Change a target for a financial year (used from the next ETL run; audited)' })
  change(
    @Param() params: Record<string, unknown>,
    @Body() body: unknown,
    @SignedInUser() user: CurrentUser,
    @Req() request: Request,
  ): Promise<TargetOverride> {
    const { code, financialYear } = parseOrBadRequest(changeParams, params);
    const change = parseOrBadRequest(targetChangeBody, body);
    return this.targets.change(
      code,
      financialYear,
      change,
      { id: user.id, email: user.email },
      clientIp(request),
    );
  }
}
