import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CurrentUser, ExceptionReport, ExceptionReportList, HistoryEntry } from '@oscp/contracts';
import { clientIp, SignedInUser, type AuthenticatedRequest } from '../auth/authenticated-request';
import { Roles } from '../auth/roles.decorator';
import { openApiSchema } from '../docs/zod-openapi';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
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
  @ApiQuery({ name: 'period', required: false, description: '`2024-25 Q3` or `2024-25-Q3`' })
  @ApiQuery({ name: 'subgroup', required: false, description: 'a subgroup id from /api/subgroups' })
  @ApiQuery({
    name: 'status',
    required: false,
    enum: ['draft', 'submitted', 'returned', 'accepted', 'closed'],
  })
  @ApiQuery({ name: 'indicator', required: false, description: 'an indicator code such as FD02' })
  @ApiOkResponse({ schema: openApiSchema(exceptionReportListResponse, 'output') })
  list(
    @SignedInUser() user: CurrentUser,
    @Query(new ZodValidationPipe(listExceptionsQuerySchema)) query: ListExceptionsQuery,
  ): Promise<ExceptionReportList> {
    return this.reports.list(user, query);
  }

  @Post()
  @Roles('chair', 'manager')
  @ApiOperation({
    summary:
      'Open a report by hand for an indicator and quarter of the published scorecard (a chair of its subgroups, or a manager).',
  })
  @ApiBody({ schema: openApiSchema(openExceptionSchema) })
  @ApiOkResponse({ schema: openApiSchema(exceptionReportResponse, 'output') })
  open(
    @SignedInUser() user: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @Body(new ZodValidationPipe(openExceptionSchema)) body: OpenExceptionBody,
  ): Promise<ExceptionReport> {
    return this.reports.open({ user, ip: clientIp(request) }, body.indicatorCode, body.period);
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'One exception report with its frozen evidence.' })
  @ApiOkResponse({ schema: openApiSchema(exceptionReportResponse, 'output') })
  get(
    @SignedInUser() user: CurrentUser,
    @Param('id', new ZodValidationPipe(exceptionIdSchema)) id: string,
  ): Promise<ExceptionReport> {
    return this.reports.get(user, id);
  }

  @Patch(':id')
  @Roles('chair', 'manager')
  @ApiOperation({
    summary:
      'Save the narrative and actions of a draft or returned report; send the version you read: a stale one is refused with 409.',
  })
  @ApiBody({ schema: openApiSchema(updateExceptionSchema) })
  @ApiOkResponse({ schema: openApiSchema(exceptionReportResponse, 'output') })
  update(
    @SignedInUser() user: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @Param('id', new ZodValidationPipe(exceptionIdSchema)) id: string,
    @Body(new ZodValidationPipe(updateExceptionSchema)) body: UpdateExceptionBody,
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
  @ApiBody({ schema: openApiSchema(transitionSchema) })
  @ApiOkResponse({ schema: openApiSchema(exceptionReportResponse, 'output') })
  transition(
    @SignedInUser() user: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @Param('id', new ZodValidationPipe(exceptionIdSchema)) id: string,
    @Body(new ZodValidationPipe(transitionSchema)) body: TransitionBody,
  ): Promise<ExceptionReport> {
    return this.reports.transition({ user, ip: clientIp(request) }, id, body);
  }

  @Get(':id/history')
  @Roles('viewer')
  @ApiOperation({ summary: 'Every change to a report: who, when, which fields, old and new values.' })
  @ApiOkResponse({ schema: openApiSchema(historyResponse, 'output') })
  history(
    @SignedInUser() user: CurrentUser,
    @Param('id', new ZodValidationPipe(exceptionIdSchema)) id: string,
  ): Promise<HistoryEntry[]> {
    return this.reports.historyOf(user, id);
  }
}
