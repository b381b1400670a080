import { readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { generateDemoInbox } from '@oscp/etl';
import { AppConfig, todayFor } from '../config/app-config';
import { loggableError } from '../http/loggable-error';
import { RuntimeMode } from '../runtime-mode';
import { dataPath } from './data-folders';
import { PipelineService } from './pipeline.service';
import { SnapshotStore } from './snapshot-store';

/**
 * At start-up: clean up after a killed run; then, on the server in demo mode with an empty inbox
 * and nothing published, write the synthetic inbox and run the ETL once (in the background, so
 * the server answers meanwhile).
 */
@Injectable()
export class PipelineStartup implements OnApplicationBootstrap {
  private readonly logger = new Logger(PipelineStartup.name);
  /** The demo start-up run, for tests and the CI script to wait on. */
  demoRun: Promise<void> | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly runtime: RuntimeMode,
    private readonly pipeline: PipelineService,
    private readonly snapshots: SnapshotStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.pipeline.recoverInterruptedRuns();
    if (this.runtime.mode !== 'server' || !this.config.demo) return;
    const inbox = dataPath(this.config.dataDir, 'inbox');
    if (!(await isEmptyFolder(inbox)) || (await this.snapshots.current())) return;
    this.demoRun = this.loadDemoData(inbox);
  }

  private async loadDemoData(inbox: string): Promise<void> {
    try {
      this.logger.log(
        'Demo mode: the inbox is empty, so a synthetic inbox (seed 1, scale 1) is being written and loaded',
      );
      await generateDemoInbox({
        outDir: inbox,
        seed: 1,
        scale: 1,
        asOf: todayFor(this.config),
        laCode: this.config.laCode,
      });
      const outcome = await this.pipeline.run('startup');
      this.logger.log(
        { runId: outcome.run.id, status: outcome.run.status },
        `Demo data loaded: ${outcome.message}`,
      );
    } catch (error) {
      this.logger.error(loggableError(error), 'Demo data could not be loaded');
    }
  }
}

async function isEmptyFolder(folder: string): Promise<boolean> {
  if (!existsSync(folder)) return true;
  const entries = (await readdir(folder, { recursive: true, withFileTypes: true })).filter((entry) =>
    entry.isFile(),
  );
  return entries.length === 0;
}
