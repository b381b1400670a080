import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Health } from '@oscp/contracts';
import type { Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 when the database answers, 503 when it does not. */
  @Public()
  @Get()
  @ApiOkResponse({ description: 'Database, warehouse and the latest run.' })
  async get(@Res({ passthrough: true }) response: Response): Promise<Health> {
    const health = await this.health.check();
    response.status(health.database === 'ok' ? 200 : 503);
    response.setHeader('cache-control', 'no-store');
    return health;
  }
}
