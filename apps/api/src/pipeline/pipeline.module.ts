import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { CronService } from './cron.service';
import { dataPath } from './data-folders';
import { EtlRun } from './etl-run.entity';
import { PipelineStartup } from './pipeline-startup.service';
import { PipelineService } from './pipeline.service';
import { QualityFindingRecord } from './quality-finding.entity';
import { RunHistoryService } from './run-history.service';
import { RunLock } from './run-lock';
import { RunsController } from './runs.controller';
import { Snapshot } from './snapshot.entity';
import { SnapshotRetention } from './snapshot-retention';
import { SnapshotStore } from './snapshot-store';
import { Submission } from './submission.entity';
import { SubmissionsController } from './submissions.controller';
import { UploadService } from './upload.service';

/** ETL runs: validation, snapshot build, publication, schedule, uploads and run history. */
@Module({
  imports: [
    TypeOrmModule.forFeature([EtlRun, Submission, QualityFindingRecord, Snapshot]),
    MulterModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        dest: dataPath(config.dataDir, 'uploads'),
        limits: { fileSize: config.uploadMaxMb * 1024 * 1024, files: 1, fields: 10, fieldSize: 1024 },
      }),
    }),
  ],
  controllers: [RunsController, SubmissionsController],
  providers: [
    SnapshotStore,
    SnapshotRetention,
    RunLock,
    PipelineService,
    RunHistoryService,
    UploadService,
    CronService,
    PipelineStartup,
  ],
  exports: [SnapshotStore, PipelineService, RunHistoryService],
})
export class PipelineModule {}
