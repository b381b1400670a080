import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { clientIp, type AuthenticatedRequest } from '../auth/authenticated-request';
import { LocalCliAccess } from '../auth/local-access';
import { Roles } from '../auth/roles.decorator';
import { ZodQuery } from '../http/zod-request';
import { periodParam } from '../scorecard/scorecard-query';
import {
  SCORECARD_EXPORT_CONTENT_TYPES,
  ScorecardExportsService,
  type ScorecardExportFormat,
} from './scorecard-exports.service';

const exportQuery = z.object({
  period: periodParam
    .optional()
    .describe('`2024-25 Q3` or `2024-25-Q3`; default: the current snapshot’s default quarter'),
  published: z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .optional()
    .transform((value) => value === 'true' || value === '1')
    .describe('the published version: disclosure control, no commentary'),
});
type ExportQuery = z.output<typeof exportQuery>;

/** A downloaded file, for the OpenAPI document. */
const fileResponse = (format: ScorecardExportFormat) => ({
  description: 'the file (Content-Disposition: attachment)',
  content: {
    [SCORECARD_EXPORT_CONTENT_TYPES[format].split(';')[0] ?? '']: {
      schema: { type: 'string' as const, format: 'binary' },
    },
  },
});

/**
 * The current snapshot's scorecard of a quarter as a file. `oscp scorecard` asks these routes
 * (with the server's local token) when a server runs on its data folder.
 */
@ApiTags('scorecard')
@Roles('viewer')
@Controller('api/exports')
export class ScorecardExportsController {
  constructor(
    private readonly exports: ScorecardExportsService,
    private readonly audit: AuditService,
  ) {}

  @Get('scorecard.json')
  @LocalCliAccess()
  @ApiOperation({ summary: 'The scorecard as the command line prints it (JSON), as a download' })
  @ApiProduces('application/json')
  @ApiOkResponse(fileResponse('json'))
  json(@ZodQuery(exportQuery) query: ExportQuery, @Req() request: Request, @Res() response: Response) {
    return this.download('json', query, request, response);
  }

  @Get('scorecard.csv')
  @LocalCliAccess()
  @ApiOperation({
    summary: 'The scorecard as CSV: plain-English headings, one row per indicator, commentary (internal)',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse(fileResponse('csv'))
  csv(@ZodQuery(exportQuery) query: ExportQuery, @Req() request: Request, @Res() response: Response) {
    return this.download('csv', query, request, response);
  }

  @Get('scorecard.xlsx')
  @LocalCliAccess()
  @ApiOperation({
    summary: 'The scorecard as a workbook: real numbers with number formats, commentary (internal)',
  })
  @ApiProduces(SCORECARD_EXPORT_CONTENT_TYPES.xlsx)
  @ApiOkResponse(fileResponse('xlsx'))
  xlsx(@ZodQuery(exportQuery) query: ExportQuery, @Req() request: Request, @Res() response: Response) {
    return this.download('xlsx', query, request, response);
  }

  private async download(
    format: ScorecardExportFormat,
    options: ExportQuery,
    request: AuthenticatedRequest,
    response: Response,
  ): Promise<void> {
    const rendered = await this.exports.render(options, format);
    const user = request.oscpAuth?.user;
    await this.audit.record({
      actor: user ? { id: user.id, email: user.email } : null,
      action: 'export.scorecard',
      target: `snapshot:${rendered.scorecard.snapshotId}`,
      detail: {
        format,
        period: rendered.scorecard.period,
        published: options.published,
        via: user ? 'dashboard' : 'command line',
      },
      ip: clientIp(request),
    });
    response.setHeader('Content-Type', rendered.contentType);
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Content-Disposition', `attachment; filename="${rendered.fileName}"`);
    response.end(rendered.bytes);
  }
}
