import { Controller, Get, Put, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Commentary, CurrentUser } from '@oscp/contracts';
import { clientIp, SignedInUser, type AuthenticatedRequest } from '../auth/authenticated-request';
import { Roles } from '../auth/roles.decorator';
import { openApiSchema } from '../docs/zod-openapi';
import { commentaryListResponse, commentaryResponse } from '../exceptions/exceptions.openapi';
import { ZodBody, ZodParams, ZodQuery } from '../http/zod-request';
import {
  commentaryChangeSchema,
  commentaryKeySchema,
  commentaryListQuerySchema,
  type CommentaryChangeBody,
  type CommentaryKey,
} from './commentary.dto';
import { CommentaryService } from './commentary.service';

@ApiTags('commentary')
@Controller('api/commentary')
export class CommentaryController {
  constructor(private readonly commentary: CommentaryService) {}

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: "A quarter's commentaries (indicators without one are left out)." })
  @ApiOkResponse({ schema: openApiSchema(commentaryListResponse, 'output') })
  list(@ZodQuery(commentaryListQuerySchema) query: { period: string }): Promise<Commentary[]> {
    return this.commentary.listForPeriod(query.period);
  }

  @Get(':code/:period')
  @Roles('viewer')
  @ApiOperation({
    summary: 'The commentary on one indicator for one quarter, with its history (404 when there is none).',
  })
  @ApiOkResponse({ schema: openApiSchema(commentaryResponse, 'output') })
  get(@ZodParams(commentaryKeySchema) key: CommentaryKey): Promise<Commentary> {
    return this.commentary.get(key.code, key.period);
  }

  @Put(':code/:period')
  @Roles('chair', 'analyst')
  @ApiOperation({
    summary:
      "Write the commentary (at most 1,000 characters; empty text clears it): a chair of the indicator's subgroups or an analyst. Send the version read (0 for a new one); a stale one gets 409.",
  })
  @ApiOkResponse({ schema: openApiSchema(commentaryResponse, 'output') })
  put(
    @SignedInUser() user: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @ZodParams(commentaryKeySchema) key: CommentaryKey,
    @ZodBody(commentaryChangeSchema) body: CommentaryChangeBody,
  ): Promise<Commentary> {
    return this.commentary.put(user, clientIp(request), key.code, key.period, body);
  }
}
