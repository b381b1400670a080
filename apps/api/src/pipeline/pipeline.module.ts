import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EtlRun } from './etl-run.entity';
import { QualityFindingRecord } from './quality-finding.entity';
import { Snapshot } from './snapshot.entity';
import { SnapshotStore } from './snapshot-store';
import { Submission } from './submission.entity';

/** ETL runs: validation, snapshot build, publication, schedule, uploads and run history. */
@Module({
  imports: [TypeOrmModule.forFeature([EtlRun, Submission, QualityFindingRecord, Snapshot])],
  providers: [SnapshotStore],
  exports: [SnapshotStore],
})
export class PipelineModule {}
