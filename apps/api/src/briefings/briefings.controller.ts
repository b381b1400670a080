import { Controller, Get, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { ApiError, BriefingSummary } from '@oscp/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { clientIp, type AuthenticatedRequest } from '../auth/authenticated-request';
import { LocalCliAccess } from '../auth/local-access';
import { Roles } from '../auth/roles.decorator';
import { fileResponse, openApiSchema } from '../docs/zod-openapi';
import { ZodParams, ZodQuery } from '../http/zod-request';
import { briefingSummaryResponse } from '../signoffs/signoffs.openapi';
import { periodParam, snapshotParam } from '../scorecard/scorecard-query';
import { BriefingsService, type BriefingFormat } from './briefings.service';
import { ChromiumMissingError } from './pdf-printer';

const briefingQuery = z.object({
  published: z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .optional()
    .transform((value) => value === 'true' || value === '1')
    .describe('the published version: disclosure control, no commentary, no marking'),
  snapshot: snapshotParam
    .optional()
    .describe("default: the quarter's signed-off snapshot, else the current one (marked draft)"),
});
type BriefingQuery = z.output<typeof briefingQuery>;
const periodOnly = z.object({ period: periodParam.describe('`2024-25 Q3` or `2024-25-Q3`') });
type PeriodOnly = z.output<typeof periodOnly>;

@ApiTags('briefings')
@Roles('viewer')
@Controller('api/briefings')
export class BriefingsController {
  constructor(
    private readonly briefings: BriefingsService,
    private readonly audit: AuditService,
  ) {}

  @Get(':period.pdf')
  @LocalCliAccess()
  @ApiOperation({ summary: "The quarter's briefing pack as an A4 PDF (printed by headless Chromium)" })
  @ApiProduces('application/pdf')
  @ApiOkResponse(fileResponse('application/pdf'))
  pdf(
    @ZodParams(periodOnly) params: PeriodOnly,
    @ZodQuery(briefingQuery) query: BriefingQuery,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.download('pdf', params, query, request, response);
  }

  @Get(':period.xlsx')
  @LocalCliAccess()
  @ApiOperation({
    summary: "The quarter's briefing pack as a workbook (Scorecard, themes, Exceptions, Definitions)",
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse(fileResponse('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'))
  xlsx(
    @ZodParams(periodOnly) params: PeriodOnly,
    @ZodQuery(briefingQuery) query: BriefingQuery,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.download('xlsx', params, query, request, response);
  }

  @Get(':period.csv')
  @LocalCliAccess()
  @ApiOperation({ summary: "The quarter's scorecard from the briefing pack as CSV" })
  @ApiProduces('text/csv')
  @ApiOkResponse(fileResponse('text/csv'))
  csv(
    @ZodParams(periodOnly) params: PeriodOnly,
    @ZodQuery(briefingQuery) query: BriefingQuery,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.download('csv', params, query, request, response);
  }

  @Get(':period.html')
  @ApiOperation({ summary: "The briefing pack's print page (the HTML Chromium prints), for preview" })
  @ApiProduces('text/html')
  @ApiOkResponse(fileResponse('text/html'))
  printPage(
    @ZodParams(periodOnly) params: PeriodOnly,
    @ZodQuery(briefingQuery) query: BriefingQuery,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.download('html', params, query, request, response);
  }

  @Get(':period')
  @ApiOperation({
    summary: 'What the pack of a quarter is built from: snapshot, sign-off, counts, PDF availability',
  })
  @ApiOkResponse({ schema: openApiSchema(briefingSummaryResponse, 'output') })
  summary(
    @ZodParams(periodOnly) { period }: PeriodOnly,
    @ZodQuery(briefingQuery) query: BriefingQuery,
  ): Promise<BriefingSummary> {
    return this.briefings.summary({ period, ...query });
  }

  private async download(
    format: BriefingFormat,
    { period }: PeriodOnly,
    options: BriefingQuery,
    request: AuthenticatedRequest,
    response: Response,
  ): Promise<void> {
    let rendered;
    try {
      rendered = await this.briefings.render({ period, ...options }, format);
    } catch (error) {
      if (error instanceof ChromiumMissingError) {
        const body: ApiError = { statusCode: 503, message: error.message };
        throw new ServiceUnavailableException(body);
      }
      throw error;
    }
    const user = request.oscpAuth?.user;
    await this.audit.record({
      actor: user ? { id: user.id, email: user.email } : null,
      action: 'export.briefing',
      target: `period:${rendered.pack.period}`,
      detail: {
        format,
        published: rendered.pack.published,
        snapshotId: rendered.pack.snapshotId,
        signedOff: rendered.pack.signOff !== null,
        via: user ? 'dashboard' : 'command line',
      },
      ip: clientIp(request),
    });
    response.setHeader('Content-Type', rendered.contentType);
    response.setHeader('Cache-Control', 'no-store');
    if (format === 'html') {
      // The print page has its own styles and no script at all. The Briefing pack page shows it
      // in a frame, so this site (and only this site) may frame it.
      response.setHeader(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
      );
      response.setHeader('X-Frame-Options', 'SAMEORIGIN');
    } else {
      response.setHeader('Content-Disposition', `attachment; filename="${rendered.fileName}"`);
    }
    response.end(rendered.bytes);
  }
}
