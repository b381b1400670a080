import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CurrentUser, PartnerReturnReminder, PartnerReturnsTracker } from '@oscp/contracts';
import { z } from 'zod';
import { SignedInUser } from '../auth/authenticated-request';
import { openApiSchema } from '../docs/zod-openapi';
import { Roles } from '../auth/roles.decorator';
import { parseOrBadRequest, periodParam } from '../scorecard/scorecard-query';
import { outboxRefreshResponse, reminderResponse, trackerResponse } from './partner-returns.openapi';
import { PartnerReturnsService } from './partner-returns.service';
import { RemindersService, type OutboxRefresh } from './reminders.service';

const trackerQuery = z.object({ period: periodParam.optional() });

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
  @ApiQuery({
    name: 'period',
    required: false,
    description: '`2024-25 Q3` or `2024-25-Q3`; default: the default quarter',
  })
  tracker(
    @Query() query: Record<string, unknown>,
    @SignedInUser() user: CurrentUser,
  ): Promise<PartnerReturnsTracker> {
    return this.returns.tracker(parseOrBadRequest(trackerQuery, query).period, user);
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
