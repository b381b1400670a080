import { Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CurrentUser, ExceptionReport, ExceptionReportList, HistoryEntry } from '@oscp/contracts';
import { clientIp, SignedInUser, type AuthenticatedRequest } from '../auth/authenticated-request';
import { Roles } from '../auth/roles.decorator';
import { openApiSchema } from '../docs/zod-openapi';
import { ZodBody, ZodParam, ZodQuery } from '../http/zod-request';
import { ExceptionReportsService } from './exception-reports.service';
import {
  exceptionIdSchema,
  listExceptionsQuerySchema,
  openExceptionSchema,
  transitionSchema,
  updateExceptionSchema,
  type ListExceptionsQuery,
  type OpenExceptionBody,
  type TransitionBody,
  type UpdateExceptionBody,
} from './exceptions.dto';
import { exceptionReportListResponse, exceptionReportResponse, historyResponse } from './exceptions.openapi';

@ApiTags('exceptions')
@Controller('api/exceptions')
export class ExceptionsController {
  constructor(private readonly reports: ExceptionReportsService) {}

  @Get()
  @Roles('viewer')
  @ApiOperation({
    summary:
      'Exception reports the signed-in user may see (viewers: accepted ones; chairs: their subgroups at any stage; managers and analysts: all), with counts by status.',
  })
  @ApiOkResponse({ schema: openApiSchema(exceptionReportListResponse, 'output') })
  list(
    @SignedInUser() user: CurrentUser,
    @ZodQuery(listExceptionsQuerySchema) query: ListExceptionsQuery,
  ): Promise<ExceptionReportList> {
    return this.reports.list(user, query);
  }

  @Post()
  @Roles('chair', 'manager')
  @ApiOperation({
    summary:
      'Open a report by hand for an indicator and quarter of the published scorecard (a chair of its subgroups, or a manager).',
  })
  @ApiOkResponse({ schema: openApiSchema(exceptionReportResponse, 'output') })
  open(
    @SignedInUser() user: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @ZodBody(openExceptionSchema) body: OpenExceptionBody,
  ): Promise<ExceptionReport> {
    return this.reports.open({ user, ip: clientIp(request) }, body.indicatorCode, body.period);
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'One exception report with its frozen evidence.' })
  @ApiOkResponse({ schema: openApiSchema(exceptionReportResponse, 'output') })
  get(
    @SignedInUser() user: CurrentUser,
    @ZodParam('id', exceptionIdSchema) id: string,
  ): Promise<ExceptionReport> {
    return this.reports.get(user, id);
  }

  @Patch(':id')
  @Roles('chair', 'manager')
  @ApiOperation({
    summary:
      'Save the narrative and actions of a draft or returned report; send the version you read: a stale one is refused with 409.',
  })
  @ApiOkResponse({ schema: openApiSchema(exceptionReportResponse, 'output') })
  update(
    @SignedInUser() user: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @ZodParam('id', exceptionIdSchema) id: string,
    @ZodBody(updateExceptionSchema) body: UpdateExceptionBody,
  ): Promise<ExceptionReport> {
    return this.reports.update({ user, ip: clientIp(request) }, id, body);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Roles('chair', 'manager')
  @ApiOperation({
    summary:
      'Move a report on: submitted (a chair of its subgroups), returned with a comment or accepted (manager), closed (manager).',
  })
  @ApiOkResponse({ schema: openApiSchema(exceptionReportResponse, 'output') })
  transition(
    @SignedInUser() user: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @ZodParam('id', exceptionIdSchema) id: string,
    @ZodBody(transitionSchema) body: TransitionBody,
  ): Promise<ExceptionReport> {
    return this.reports.transition({ user, ip: clientIp(request) }, id, body);
  }

  @Get(':id/history')
  @Roles('viewer')
  @ApiOperation({ summary: 'Every change to a report: who, when, which fields, old and new values.' })
  @ApiOkResponse({ schema: openApiSchema(historyResponse, 'output') })
  history(
    @SignedInUser() user: CurrentUser,
    @ZodParam('id', exceptionIdSchema) id: string,
  ): Promise<HistoryEntry[]> {
    return this.reports.historyOf(user, id);
  }
}
