import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../config/app-config';
import { RuntimeMode } from '../runtime-mode';
import { PipelineService } from './pipeline.service';
import { RunAlreadyRunningError } from './run-lock';

/** The partner-returns reminders job, found by this token when the application has that feature. */
export const REMINDERS_JOB = 'oscp:reminders-job';

interface RemindersJob {
  refresh(): Promise<unknown>;
}

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
    private readonly moduleRef: ModuleRef,
  ) {}

  jobs(): ScheduledJob[] {
    const jobs: ScheduledJob[] = [
      { name: 'etl-run', cronTime: this.config.etlCron, run: () => this.pipeline.run('schedule') },
    ];
    const reminders = this.remindersJob();
    if (reminders) {
      jobs.push({
        name: 'partner-return-reminders',
        cronTime: this.config.remindersCron,
        run: () => reminders.refresh(),
      });
    }
    return jobs;
  }

  private remindersJob(): RemindersJob | null {
    try {
      return this.moduleRef.get<RemindersJob>(REMINDERS_JOB, { strict: false });
    } catch {
      return null;
    }
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
