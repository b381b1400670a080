import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Page, SnapshotSummary } from '@oscp/contracts';
import { Roles } from '../auth/roles.decorator';
import { parseOrBadRequest, snapshotListQuery } from './scorecard-query';
import { ScorecardService } from './scorecard.service';

@ApiTags('scorecard')
@Roles('viewer')
@Controller('api/snapshots')
export class SnapshotsController {
  constructor(private readonly scorecards: ScorecardService) {}

  @Get()
  @ApiOperation({ summary: 'Published snapshots still kept, newest first; open one with ?snapshot=<id>' })
  @ApiQuery({ name: 'limit', required: false, description: '1-500, default 50' })
  @ApiQuery({ name: 'offset', required: false, description: 'default 0' })
  list(@Query() query: Record<string, unknown>): Promise<Page<SnapshotSummary>> {
    return this.scorecards.snapshotList(parseOrBadRequest(snapshotListQuery, query));
  }
}
