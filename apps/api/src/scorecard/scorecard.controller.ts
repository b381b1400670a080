import { Controller, Get, Header, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CurrentUser, PeriodList } from '@oscp/contracts';
import type { Response } from 'express';
import { AuditService } from '../audit/audit.service';
import { clientIp, SignedInUser, type AuthenticatedRequest } from '../auth/authenticated-request';
import { Roles } from '../auth/roles.decorator';
import { ARROW_STREAM_CONTENT_TYPE, scorecardArrowIpc } from './scorecard-arrow';
import { parseOrBadRequest, periodListQuery, scorecardQuery } from './scorecard-query';
import { ScorecardService } from './scorecard.service';
import { SignedOffScorecards } from './signed-off-scorecard';

const PERIOD_QUERY = {
  name: 'period',
  required: false,
  description: '`2024-25 Q3` (URL-encoded) or `2024-25-Q3`; default: the snapshot default',
} as const;
const SNAPSHOT_QUERY = {
  name: 'snapshot',
  required: false,
  description: 'an earlier published snapshot id (GET /api/snapshots); default: the current one',
} as const;
const PUBLISHED_QUERY = {
  name: 'published',
  required: false,
  enum: ['true', 'false'],
  description: 'apply disclosure control',
} as const;

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
  @ApiQuery(SNAPSHOT_QUERY)
  periods(@Query() query: Record<string, unknown>): Promise<PeriodList> {
    const { snapshot } = parseOrBadRequest(periodListQuery, query);
    return this.scorecards.periods(snapshot);
  }

  @Get('scorecard')
  @ApiOperation({
    summary:
      'The scorecard of a quarter (`period=2024-25 Q3` or `2024-25-Q3`; default: the snapshot default)',
  })
  @ApiOkResponse({ description: 'Scorecard JSON; `published=true` applies disclosure control' })
  @ApiQuery(PERIOD_QUERY)
  @ApiQuery(SNAPSHOT_QUERY)
  @ApiQuery(PUBLISHED_QUERY)
  @ApiQuery({
    name: 'figures',
    required: false,
    enum: ['signed_off', 'latest'],
    description: 'for a signed-off quarter: its signed-off figures (default) or the latest snapshot’s',
  })
  async scorecard(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    // Encoded once per snapshot and sign-off state (the same bytes `Scorecard` JSON gives).
    const encoded = await this.signedOff.scorecardJson(parseOrBadRequest(scorecardQuery, query));
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.setHeader('etag', encoded.etag);
    return encoded.json;
  }

  @Get('scorecard.arrow')
  @ApiOperation({ summary: 'The same scorecard as an Apache Arrow IPC stream, one row per indicator' })
  @ApiProduces(ARROW_STREAM_CONTENT_TYPE)
  @ApiQuery(PERIOD_QUERY)
  @ApiQuery(SNAPSHOT_QUERY)
  @ApiQuery(PUBLISHED_QUERY)
  @Header('Content-Type', ARROW_STREAM_CONTENT_TYPE)
  async scorecardArrow(
    @SignedInUser() actor: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @Query() query: Record<string, unknown>,
  ): Promise<StreamableFile> {
    const parsed = parseOrBadRequest(scorecardQuery, query);
    const scorecard = await this.scorecards.scorecard(parsed);
    await this.audit.record({
      actor,
      action: 'export.scorecard',
      target: `snapshot:${scorecard.snapshotId}`,
      detail: { format: 'arrow', period: scorecard.period, published: parsed.published },
      ip: clientIp(request),
    });
    return new StreamableFile(scorecardArrowIpc(scorecard), { type: ARROW_STREAM_CONTENT_TYPE });
  }
}
