import { Body, Controller, Get, Param, Put, Query, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Commentary, CurrentUser } from '@oscp/contracts';
import { clientIp, SignedInUser, type AuthenticatedRequest } from '../auth/authenticated-request';
import { Roles } from '../auth/roles.decorator';
import { openApiSchema } from '../docs/zod-openapi';
import { commentaryListResponse, commentaryResponse } from '../exceptions/exceptions.openapi';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
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
  @ApiQuery({ name: 'period', required: true, description: '`2024-25 Q3` or `2024-25-Q3`' })
  @ApiOkResponse({ schema: openApiSchema(commentaryListResponse, 'output') })
  list(
    @Query(new ZodValidationPipe(commentaryListQuerySchema)) query: { period: string },
  ): Promise<Commentary[]> {
    return this.commentary.listForPeriod(query.period);
  }

  @Get(':code/:period')
  @Roles('viewer')
  @ApiOperation({
    summary: 'The commentary on one indicator for one quarter, with its history (404 when there is none).',
  })
  @ApiOkResponse({ schema: openApiSchema(commentaryResponse, 'output') })
  get(@Param(new ZodValidationPipe(commentaryKeySchema)) key: CommentaryKey): Promise<Commentary> {
    return this.commentary.get(key.code, key.period);
  }

  @Put(':code/:period')
  @Roles('chair', 'analyst')
  @ApiOperation({
    summary:
      "Write the commentary (at most 1,000 characters; empty text clears it): a chair of the indicator's subgroups or an analyst. Send the version read (0 for a new one); a stale one gets 409.",
  })
  @ApiBody({ schema: openApiSchema(commentaryChangeSchema) })
  @ApiOkResponse({ schema: openApiSchema(commentaryResponse, 'output') })
  put(
    @SignedInUser() user: CurrentUser,
    @Req() request: AuthenticatedRequest,
    @Param(new ZodValidationPipe(commentaryKeySchema)) key: CommentaryKey,
    @Body(new ZodValidationPipe(commentaryChangeSchema)) body: CommentaryChangeBody,
  ): Promise<Commentary> {
    return this.commentary.put(user, clientIp(request), key.code, key.period, body);
  }
}
