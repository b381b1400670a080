import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Health } from '@oscp/contracts';
import type { Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { openApiSchema } from '../docs/zod-openapi';
import { healthResponse } from './health.openapi';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 when the database answers, 503 when it does not. */
  @Public()
  @Get()
  @ApiOkResponse({
    description:
      'Database, warehouse and the latest run (503 with the same body when the database does not answer).',
    schema: openApiSchema(healthResponse, 'output'),
  })
  async get(@Res({ passthrough: true }) response: Response): Promise<Health> {
    const health = await this.health.check();
    response.status(health.database === 'ok' ? 200 : 503);
    response.setHeader('cache-control', 'no-store');
    return health;
  }
}
