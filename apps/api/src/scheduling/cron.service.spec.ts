import type { SchedulerRegistry } from '@nestjs/schedule';
import type { CronJob } from 'cron';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/app-config';
import type { RuntimeMode } from '../runtime-mode';
import type { RemindersService } from '../partner-returns/reminders.service';
import type { PipelineService } from '../pipeline/pipeline.service';
import { RunAlreadyRunningError } from '../pipeline/run-lock';
import { CronService } from './cron.service';

function setUp(
  mode: 'server' | 'cli',
  run: () => Promise<unknown>,
  refreshReminders: () => Promise<unknown> = async () => undefined,
) {
  const added: { name: string; job: CronJob }[] = [];
  const registry = {
    addCronJob: (name: string, job: CronJob) => added.push({ name, job }),
  } as unknown as SchedulerRegistry;
  const pipeline = { run } as unknown as PipelineService;
  const runtime: RuntimeMode = { mode };
  const reminders = { refresh: refreshReminders } as unknown as RemindersService;
  const service = new CronService(
    loadConfig({ ETL_CRON: '30 1 * * 1-5' }),
    runtime,
    registry,
    pipeline,
    reminders,
  );
  return { service, added };
}

describe('the schedule', () => {
  it('runs the ETL on ETL_CRON in Europe/London time, on the server', () => {
    const { service, added } = setUp('server', async () => undefined);
    service.onApplicationBootstrap();
    try {
      expect(added.map((entry) => entry.name)).toEqual(['etl-run', 'partner-return-reminders']);
      const job = added[0]?.job;
      expect(job?.cronTime.source).toBe('30 1 * * 1-5');
      expect(job?.cronTime.timeZone).toBe('Europe/London');
      expect(job?.isActive).toBe(true);
    } finally {
      for (const entry of added) void entry.job.stop();
    }
  });

  it('lists partner-return reminders on REMINDERS_CRON', async () => {
    let refreshed = 0;
    const { service, added } = setUp(
      'server',
      async () => undefined,
      async () => {
        refreshed += 1;
      },
    );
    service.onApplicationBootstrap();
    try {
      expect(added.map((entry) => entry.name)).toEqual(['etl-run', 'partner-return-reminders']);
      expect(added[1]?.job.cronTime.source).toBe('0 7 * * 1-5');
      await service.jobs()[1]?.run();
      expect(refreshed).toBe(1);
    } finally {
      for (const entry of added) void entry.job.stop();
    }
  });

  it('schedules nothing in the command line', () => {
    const { service, added } = setUp('cli', async () => undefined);
    service.onApplicationBootstrap();
    expect(added).toEqual([]);
  });

  it('calls the same service method as the API and the command line, with the trigger "schedule"', async () => {
    const calls: unknown[][] = [];
    const { service } = setUp('server', async (...args: unknown[]) => {
      calls.push(args);
      throw new RunAlreadyRunningError();
    });
    const job = service.jobs()[0];
    await expect(job?.run()).rejects.toBeInstanceOf(RunAlreadyRunningError);
    expect(calls).toEqual([['schedule']]);
  });
});
