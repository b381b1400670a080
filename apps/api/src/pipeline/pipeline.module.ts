import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express/multer';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '../agencies/agencies.module';
import { AppConfig } from '../config/app-config';
import { TargetsModule } from '../targets/targets.module';
import { dataPath } from './data-folders';
import { EtlIsolation } from './etl-isolation';
import { RawFileRetention } from './raw-file-retention';
import { EtlRunEntity } from './etl-run.entity';
import { InboxIntake } from './inbox-intake';
import { PipelineStartup } from './pipeline-startup.service';
import { PipelineService } from './pipeline.service';
import { QualityFindingEntity } from './quality-finding.entity';
import { RunHistoryService } from './run-history.service';
import { RunLock } from './run-lock';
import { RunsController } from './runs.controller';
import { SnapshotEntity } from './snapshot.entity';
import { SnapshotPublishedListeners } from './snapshot-published';
import { SnapshotPublisher } from './snapshot-publisher';
import { SnapshotRetention } from './snapshot-retention';
import { SnapshotStore } from './snapshot-store';
import { SubmissionEntity } from './submission.entity';
import { SubmissionsController } from './submissions.controller';
import { UploadService } from './upload.service';
import { ValidationRecorder } from './validation-recorder';

/** ETL runs: validation, snapshot build, publication, uploads and run history (scheduled by `SchedulingModule`). */
@Module({
  imports: [
    // The snapshot build applies the analysts' target changes (`TargetOverridesSource`).
    TargetsModule,
    // ... and each agency's partner-return due days (`ReturnDueDaysSource`).
    AgenciesModule,
    TypeOrmModule.forFeature([EtlRunEntity, SubmissionEntity, QualityFindingEntity, SnapshotEntity]),
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
    InboxIntake,
    EtlIsolation,
    RawFileRetention,
    ValidationRecorder,
    SnapshotPublisher,
    SnapshotPublishedListeners,
    PipelineService,
    RunHistoryService,
    UploadService,
    PipelineStartup,
  ],
  exports: [SnapshotStore, PipelineService, RunHistoryService, SnapshotPublishedListeners],
})
export class PipelineModule {}
