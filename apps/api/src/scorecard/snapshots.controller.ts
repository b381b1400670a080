import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, SnapshotSummary } from '@oscp/contracts';
import { Roles } from '../auth/roles.decorator';
import { openApiSchema } from '../docs/zod-openapi';
import { ZodQuery } from '../http/zod-request';
import { snapshotListQuery, type SnapshotListQuery } from './scorecard-query';
import { snapshotListResponse } from './scorecard.openapi';
import { ScorecardService } from './scorecard.service';

@ApiTags('scorecard')
@Roles('viewer')
@Controller('api/snapshots')
export class SnapshotsController {
  constructor(private readonly scorecards: ScorecardService) {}

  @Get()
  @ApiOperation({ summary: 'Published snapshots still kept, newest first; open one with ?snapshot=<id>' })
  @ApiOkResponse({ schema: openApiSchema(snapshotListResponse, 'output') })
  list(@ZodQuery(snapshotListQuery) query: SnapshotListQuery): Promise<Page<SnapshotSummary>> {
    return this.scorecards.snapshotList(query);
  }
}
