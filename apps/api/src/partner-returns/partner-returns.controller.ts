import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CurrentUser, PartnerReturnReminder, PartnerReturnsTracker } from '@oscp/contracts';
import { z } from 'zod';
import { SignedInUser } from '../auth/authenticated-request';
import { openApiSchema } from '../docs/zod-openapi';
import { Roles } from '../auth/roles.decorator';
import { ZodQuery } from '../http/zod-request';
import { periodParam } from '../scorecard/scorecard-query';
import { outboxRefreshResponse, reminderResponse, trackerResponse } from './partner-returns.openapi';
import { PartnerReturnsService } from './partner-returns.service';
import { RemindersService, type OutboxRefresh } from './reminders.service';

const trackerQuery = z.object({
  period: periodParam.optional().describe('`2024-25 Q3` or `2024-25-Q3`; default: the default quarter'),
});

@ApiTags('partner returns')
@Controller('api/partner-returns')
export class PartnerReturnsController {
  constructor(
    private readonly returns: PartnerReturnsService,
    private readonly reminders: RemindersService,
  ) {}

  @Get()
  @Roles('viewer')
  @ApiOperation({
    summary:
      'Every expected partner return of a quarter and of the 8 quarters up to it: due date, state, date received, file (uploader details for analysts)',
  })
  @ApiOkResponse({ schema: openApiSchema(trackerResponse, 'output') })
  tracker(
    @ZodQuery(trackerQuery) query: z.output<typeof trackerQuery>,
    @SignedInUser() user: CurrentUser,
  ): Promise<PartnerReturnsTracker> {
    return this.returns.tracker(query.period, user);
  }

  @Get('reminders')
  @Roles('viewer')
  @ApiOperation({
    summary:
      'The reminders outbox, newest first, with why each was not sent (recipients for admins and analysts)',
  })
  @ApiOkResponse({ schema: openApiSchema(z.array(reminderResponse), 'output') })
  reminderOutbox(@SignedInUser() user: CurrentUser): Promise<PartnerReturnReminder[]> {
    return this.reminders.list(user);
  }

  @Post('reminders')
  @HttpCode(200)
  @Roles('admin', 'analyst')
  @ApiOperation({ summary: 'List due and overdue returns in the outbox now (what the scheduled job does)' })
  @ApiOkResponse({ schema: openApiSchema(outboxRefreshResponse, 'output') })
  refreshReminders(): Promise<OutboxRefresh> {
    return this.reminders.refresh();
  }
}
