import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '../agencies/agencies.module';
import { TargetsModule } from '../targets/targets.module';
import { EtlIsolation } from './etl-isolation';
import { RawFileRetention } from './raw-file-retention';
import { EtlRunEntity } from './etl-run.entity';
import { InboxIntake } from './inbox-intake';
import { PipelineStartup } from './pipeline-startup.service';
import { PipelineService } from './pipeline.service';
import { QualityFindingEntity } from './quality-finding.entity';
import { RunHistoryService } from './run-history.service';
import { RunLock } from './run-lock';
import { SnapshotEntity } from './snapshot.entity';
import { SnapshotPublishedListeners } from './snapshot-published';
import { SnapshotPublisher } from './snapshot-publisher';
import { SnapshotRetention } from './snapshot-retention';
import { SnapshotStore } from './snapshot-store';
import { SubmissionEntity } from './submission.entity';
import { ValidationRecorder } from './validation-recorder';

/**
 * ETL runs: validation, snapshot build, publication and run history (scheduled by
 * `SchedulingModule`; the routes and uploads are `PipelineHttpModule`).
 */
@Module({
  imports: [
    // The snapshot build applies the analysts' target changes (`TargetOverridesSource`).
    TargetsModule,
    // ... and each agency's partner-return due days (`ReturnDueDaysSource`).
    AgenciesModule,
    TypeOrmModule.forFeature([EtlRunEntity, SubmissionEntity, QualityFindingEntity, SnapshotEntity]),
  ],
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
    PipelineStartup,
  ],
  exports: [SnapshotStore, PipelineService, RunHistoryService, SnapshotPublishedListeners],
})
export class PipelineModule {}
