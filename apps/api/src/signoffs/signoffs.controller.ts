import { Controller, Delete, Get, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CurrentUser, SignOff } from '@oscp/contracts';
import type { Request } from 'express';
import { z } from 'zod';
import { clientIp, SignedInUser } from '../auth/authenticated-request';
import { Roles } from '../auth/roles.decorator';
import { openApiSchema } from '../docs/zod-openapi';
import { ZodBody, ZodParam, ZodQuery } from '../http/zod-request';
import { periodParam, snapshotParam } from '../scorecard/scorecard-query';
import { signOffListResponse, signOffResponse } from './signoffs.openapi';
import { SignOffsService } from './signoffs.service';

/** Any text: an id that is no sign-off's answers 404 from the service. */
const signOffIdParam = z.string().describe('a sign-off id (GET /api/signoffs)');
const listQuery = z.object({ period: periodParam.optional().describe('`2024-25 Q3` or `2024-25-Q3`') });
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
  @ApiOkResponse({ schema: openApiSchema(signOffListResponse, 'output') })
  async list(
    @ZodQuery(listQuery) query: z.output<typeof listQuery>,
  ): Promise<{ items: SignOff[]; total: number }> {
    const items = await this.signOffs.list(query.period);
    return { items, total: items.length };
  }

  @Post()
  @Roles('manager')
  @ApiOperation({
    summary: 'Sign off a quarter on a snapshot (default: the current one); keeps that snapshot; audited',
  })
  @ApiOkResponse({ schema: openApiSchema(signOffResponse, 'output') })
  create(
    @ZodBody(createBody) body: z.output<typeof createBody>,
    @SignedInUser() user: CurrentUser,
    @Req() request: Request,
  ): Promise<SignOff> {
    return this.signOffs.create(body, user, clientIp(request));
  }

  @Delete(':id')
  @Roles('manager')
  @ApiOperation({ summary: 'Withdraw a sign-off, with a reason (body `{ reason }`); audited' })
  @ApiOkResponse({ schema: openApiSchema(signOffResponse, 'output') })
  withdraw(
    @ZodParam('id', signOffIdParam) id: string,
    @ZodBody(withdrawBody) { reason }: z.output<typeof withdrawBody>,
    @SignedInUser() user: CurrentUser,
    @Req() request: Request,
  ): Promise<SignOff> {
    return this.signOffs.withdraw(id, reason, user, clientIp(request));
  }
}
