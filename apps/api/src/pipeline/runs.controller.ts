import {
  ConflictException,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { CurrentUser, Page, RunDetail, RunStarted, RunSummary } from '@oscp/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { clientIp, SignedInUser, type AuthenticatedRequest } from '../auth/authenticated-request';
import { Roles } from '../auth/roles.decorator';
import { fileResponse, openApiSchema } from '../docs/zod-openapi';
import { ZodParam, ZodQuery } from '../http/zod-request';
import { findingsCsvHeader, findingsCsvRows } from './findings-csv';
import { runDetailResponse, runListResponse, runStartedResponse } from './pipeline.openapi';
import { PipelineService } from './pipeline.service';
import { RunAlreadyRunningError } from './run-lock';
import { RunHistoryService } from './run-history.service';

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('1-500, default 50'),
  offset: z.coerce.number().int().min(0).default(0).describe('default 0'),
});

const filterFields = {
  dataset: z.string().trim().min(1).max(64).optional().describe('only findings of this dataset'),
  rule: z.string().trim().min(1).max(64).optional().describe('only findings of this rule'),
};

// Any text: an id that is no run's answers 404 from the run history.
const runIdParam = z.string().describe('a run id (GET /api/runs)');

const detailQuery = pageQuery.extend(filterFields);
const findingsCsvQuery = z.object(filterFields);

@ApiTags('runs')
@Roles('analyst')
@Controller('api/runs')
export class RunsController {
  constructor(
    private readonly pipeline: PipelineService,
    private readonly history: RunHistoryService,
    private readonly audit: AuditService,
  ) {}

  /** Starts a run over the inbox; 409 while one is running (runs are not queued). */
  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Start an ETL run over the inbox (202 with the run id; 409 while one runs)' })
  @ApiAcceptedResponse({ schema: openApiSchema(runStartedResponse, 'output') })
  async start(@SignedInUser() actor: CurrentUser, @Req() request: AuthenticatedRequest): Promise<RunStarted> {
    try {
      const started = await this.pipeline.start('manual');
      await this.audit.record({
        actor,
        action: 'run.started',
        target: `run:${started.runId}`,
        detail: { trigger: 'manual' },
        ip: clientIp(request),
      });
      return { runId: started.runId };
    } catch (error) {
      if (error instanceof RunAlreadyRunningError) throw new ConflictException(error.message);
      throw error;
    }
  }

  @Get()
  @ApiOperation({ summary: 'ETL runs, newest first (`limit`, `offset`)' })
  @ApiOkResponse({ schema: openApiSchema(runListResponse, 'output') })
  list(@ZodQuery(pageQuery) query: z.infer<typeof pageQuery>): Promise<Page<RunSummary>> {
    return this.history.list(query.limit, query.offset);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A run with its files and findings (`dataset`, `rule`, `limit`, `offset`)' })
  @ApiOkResponse({ schema: openApiSchema(runDetailResponse, 'output') })
  async detail(
    @SignedInUser() actor: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @ZodParam('id', runIdParam) id: string,
    @ZodQuery(detailQuery) query: z.infer<typeof detailQuery>,
  ): Promise<RunDetail> {
    const detail = await this.history.detail(
      id,
      { dataset: query.dataset, rule: query.rule },
      query.limit,
      query.offset,
    );
    if (!detail) throw new NotFoundException('There is no run with that id.');
    // Findings point at rows (line, masked value): who looked is recorded like any export. A page
    // with no findings shows no row, so the dashboard's polling of a run adds nothing.
    if (detail.findings.items.length > 0)
      await this.audit.record({
        actor,
        action: 'run.viewed',
        target: `run:${id}`,
        detail: {
          dataset: query.dataset ?? null,
          rule: query.rule ?? null,
          limit: query.limit,
          offset: query.offset,
          findings: detail.findings.items.length,
        },
        ip: clientIp(request),
      });
    return detail;
  }

  /** Every finding of the run as CSV; cells a spreadsheet could run as formulas are made text. */
  @Get(':id/findings.csv')
  @ApiOperation({ summary: "A run's findings as CSV (`dataset`, `rule`); formula-like cells made text" })
  @ApiProduces('text/csv')
  @ApiOkResponse(fileResponse('text/csv'))
  async findingsCsv(
    @SignedInUser() actor: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @ZodParam('id', runIdParam) id: string,
    @ZodQuery(findingsCsvQuery) query: z.infer<typeof findingsCsvQuery>,
    @Res() response: Response,
  ): Promise<void> {
    if (!(await this.history.exists(id))) throw new NotFoundException('There is no run with that id.');
    await this.audit.record({
      actor,
      action: 'export.findings',
      target: `run:${id}`,
      detail: { dataset: query.dataset ?? null, rule: query.rule ?? null, format: 'csv' },
      ip: clientIp(request),
    });
    response.status(200);
    response.setHeader('content-type', 'text/csv; charset=utf-8');
    response.setHeader('content-disposition', `attachment; filename="run-${id}-findings.csv"`);
    response.write(findingsCsvHeader());
    for await (const page of this.history.allFindings(id, query)) response.write(findingsCsvRows(page));
    response.end();
  }
}
