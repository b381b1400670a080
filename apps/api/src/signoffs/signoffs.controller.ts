import { Body, Controller, Delete, Get, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CurrentUser, SignOff } from '@oscp/contracts';
import type { Request } from 'express';
import { z } from 'zod';
import { clientIp, SignedInUser } from '../auth/authenticated-request';
import { Roles } from '../auth/roles.decorator';
import { openApiSchema } from '../docs/zod-openapi';
import { parseOrBadRequest, periodParam, snapshotParam } from '../scorecard/scorecard-query';
import { signOffListResponse, signOffResponse } from './signoffs.openapi';
import { SignOffsService } from './signoffs.service';

const listQuery = z.object({ period: periodParam.optional() });
const createBody = z.object({
  period: periodParam,
  snapshotId: snapshotParam.optional(),
  note: z.string().max(1000, { message: 'must be 1,000 characters or fewer' }).optional(),
});
const withdrawBody = z.object({
  reason: z
    .string({ message: 'Enter why the sign-off is withdrawn' })
    .trim()
    .min(1, { message: 'Enter why the sign-off is withdrawn' })
    .max(1000, { message: 'must be 1,000 characters or fewer' }),
});

@ApiTags('sign-off')
@Controller('api/signoffs')
export class SignOffsController {
  constructor(private readonly signOffs: SignOffsService) {}

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'Sign-offs of quarters, withdrawn ones included, newest first' })
  @ApiQuery({ name: 'period', required: false, description: '`2024-25 Q3` or `2024-25-Q3`' })
  @ApiOkResponse({ schema: openApiSchema(signOffListResponse, 'output') })
  async list(@Query() query: Record<string, unknown>): Promise<{ items: SignOff[]; total: number }> {
    const items = await this.signOffs.list(parseOrBadRequest(listQuery, query).period);
    return { items, total: items.length };
  }

  @Post()
  @Roles('manager')
  @ApiOperation({
    summary: 'Sign off a quarter on a snapshot (default: the current one); keeps that snapshot; audited',
  })
  @ApiBody({ schema: openApiSchema(createBody) })
  @ApiOkResponse({ schema: openApiSchema(signOffResponse, 'output') })
  create(
    @Body() body: unknown,
    @SignedInUser() user: CurrentUser,
    @Req() request: Request,
  ): Promise<SignOff> {
    return this.signOffs.create(parseOrBadRequest(createBody, body), user, clientIp(request));
  }

  @Delete(':id')
  @Roles('manager')
  @ApiOperation({ summary: 'Withdraw a sign-off, with a reason (body `{ reason }`); audited' })
  @ApiBody({ schema: openApiSchema(withdrawBody) })
  @ApiOkResponse({ schema: openApiSchema(signOffResponse, 'output') })
  withdraw(
    @Param('id') id: string,
    @Body() body: unknown,
    @SignedInUser() user: CurrentUser,
    @Req() request: Request,
  ): Promise<SignOff> {
    const { reason } = parseOrBadRequest(withdrawBody, body);
    return this.signOffs.withdraw(id, reason, user, clientIp(request));
  }
}
