import { Module } from '@nestjs/common';
import { PartnerReturnsModule } from '../partner-returns/partner-returns.module';
import { PipelineModule } from '../pipeline/pipeline.module';
import { CronService } from './cron.service';

/**
 * The server's schedule: the nightly ETL run and the partner-return reminders. Its jobs are
 * injected services, so an application without one of them fails at start-up instead of silently
 * scheduling nothing.
 */
@Module({
  imports: [PipelineModule, PartnerReturnsModule],
  providers: [CronService],
})
export class SchedulingModule {}
