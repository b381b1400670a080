import { Controller, Get, Header, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { CurrentUser, PeriodList } from '@oscp/contracts';
import type { Response } from 'express';
import { AuditService } from '../audit/audit.service';
import { clientIp, SignedInUser, type AuthenticatedRequest } from '../auth/authenticated-request';
import { Roles } from '../auth/roles.decorator';
import { fileResponse, openApiSchema } from '../docs/zod-openapi';
import { ARROW_STREAM_CONTENT_TYPE } from './scorecard-columns';
import { ZodQuery } from '../http/zod-request';
import {
  periodListQuery,
  scorecardQuery,
  type PeriodListQuery,
  type ScorecardQuery,
} from './scorecard-query';
import { periodListResponse, scorecardResponse } from './scorecard.openapi';
import { ScorecardService } from './scorecard.service';
import { SignedOffScorecards } from './signed-off-scorecard';

@ApiTags('scorecard')
@Roles('viewer')
@Controller('api')
export class ScorecardController {
  constructor(
    private readonly scorecards: ScorecardService,
    private readonly signedOff: SignedOffScorecards,
    private readonly audit: AuditService,
  ) {}

  @Get('periods')
  @ApiOperation({ summary: 'Quarters in the published (or a named) snapshot, and its default quarter' })
  @ApiOkResponse({ schema: openApiSchema(periodListResponse, 'output') })
  periods(@ZodQuery(periodListQuery) query: PeriodListQuery): Promise<PeriodList> {
    return this.scorecards.periods(query.snapshot);
  }

  @Get('scorecard')
  @ApiOperation({
    summary:
      'The scorecard of a quarter (`period=2024-25 Q3` or `2024-25-Q3`; default: the snapshot default)',
  })
  @ApiOkResponse({
    description: 'Scorecard JSON; `published=true` applies disclosure control',
    schema: openApiSchema(scorecardResponse, 'output'),
  })
  scorecard(@ZodQuery(scorecardQuery) query: ScorecardQuery, @Res() response: Response): Promise<void> {
    // Encoded once per snapshot and sign-off state (the same bytes `Scorecard` JSON gives), and
    // sent as those bytes: a string Express would convert, and re-check the charset of, every time.
    return this.signedOff.scorecardJson(query).then((encoded) => {
      response.setHeader('content-type', 'application/json; charset=utf-8');
      response.setHeader('etag', encoded.etag);
      response.send(encoded.body);
    });
  }

  @Get('scorecard.arrow')
  @ApiOperation({ summary: 'The same scorecard as an Apache Arrow IPC stream, one row per indicator' })
  @ApiProduces(ARROW_STREAM_CONTENT_TYPE)
  @ApiOkResponse(fileResponse(ARROW_STREAM_CONTENT_TYPE, 'an Arrow IPC stream, one row per indicator'))
  @Header('Content-Type', ARROW_STREAM_CONTENT_TYPE)
  async scorecardArrow(
    @SignedInUser() actor: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @ZodQuery(scorecardQuery) parsed: ScorecardQuery,
  ): Promise<StreamableFile> {
    const scorecard = await this.scorecards.scorecard(parsed);
    await this.audit.record({
      actor,
      action: 'export.scorecard',
      target: `snapshot:${scorecard.snapshotId}`,
      detail: { format: 'arrow', period: scorecard.period, published: parsed.published },
      ip: clientIp(request),
    });
    // Apache Arrow is loaded on the first Arrow request: no other route or command needs it.
    const { scorecardArrowIpc } = await import('./scorecard-arrow.js');
    return new StreamableFile(scorecardArrowIpc(scorecard), { type: ARROW_STREAM_CONTENT_TYPE });
  }
}
