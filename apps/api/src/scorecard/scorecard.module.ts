import { Module } from '@nestjs/common';
import { PipelineModule } from '../pipeline/pipeline.module';
import { ScorecardService } from './scorecard.service';
import { RunDataQuality, SnapshotAccess } from './snapshot-access';
import { PostgresRunDataQuality } from './run-data-quality';
import { SnapshotStoreAccess } from './snapshot-store-access';
import { SignOffsModule } from '../signoffs/signoffs.module';
import { SignedOffScorecards } from './signed-off-scorecard';

/** Serves published snapshots: periods, scorecards (JSON and Arrow), indicator detail, records. */
@Module({
  imports: [PipelineModule, SignOffsModule],
  providers: [
    ScorecardService,
    SignedOffScorecards,
    { provide: SnapshotAccess, useClass: SnapshotStoreAccess },
    { provide: RunDataQuality, useClass: PostgresRunDataQuality },
  ],
  exports: [ScorecardService, SnapshotAccess, SignedOffScorecards],
})
export class ScorecardModule {}
