import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../config/app-config';
import { RuntimeMode } from '../runtime-mode';
import { RemindersService } from '../partner-returns/reminders.service';
import { PipelineService } from '../pipeline/pipeline.service';
import { RunAlreadyRunningError } from '../pipeline/run-lock';

interface ScheduledJob {
  name: string;
  cronTime: string;
  run: () => Promise<unknown>;
}

/**
 * The schedule, as a table: each job calls a service method that the API and tests call too.
 * Times are Europe/London. Only the server schedules; the command line does not.
 */
@Injectable()
export class CronService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CronService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly runtime: RuntimeMode,
    private readonly registry: SchedulerRegistry,
    private readonly pipeline: PipelineService,
    private readonly reminders: RemindersService,
  ) {}

  jobs(): ScheduledJob[] {
    return [
      { name: 'etl-run', cronTime: this.config.etlCron, run: () => this.pipeline.run('schedule') },
      {
        name: 'partner-return-reminders',
        cronTime: this.config.remindersCron,
        run: () => this.reminders.refresh(),
      },
    ];
  }

  onApplicationBootstrap(): void {
    if (this.runtime.mode !== 'server') return;
    for (const job of this.jobs()) {
      const cron = CronJob.from({
        cronTime: job.cronTime,
        timeZone: this.config.etlCronTimeZone,
        start: true,
        onTick: () => this.tick(job),
      });
      this.registry.addCronJob(job.name, cron);
      this.logger.log(
        { job: job.name, cron: job.cronTime, timeZone: this.config.etlCronTimeZone },
        'Scheduled',
      );
    }
  }

  private async tick(job: ScheduledJob): Promise<void> {
    try {
      await job.run();
    } catch (error) {
      if (error instanceof RunAlreadyRunningError) {
        this.logger.log({ job: job.name }, 'Skipped: a run is already running');
        return;
      }
      this.logger.error(
        { job: job.name, errorName: error instanceof Error ? error.name : typeof error },
        'Scheduled job failed',
      );
    }
  }
}
