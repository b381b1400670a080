import { Module } from '@nestjs/common';
import { IndicatorsController } from './indicators.controller';
import { ScorecardController } from './scorecard.controller';
import { ScorecardModule } from './scorecard.module';
import { SnapshotsController } from './snapshots.controller';

/** The scorecard's routes: the server imports this module, a command only `ScorecardModule` (see `cli/command-modules.ts`). */
@Module({
  imports: [ScorecardModule],
  controllers: [ScorecardController, IndicatorsController, SnapshotsController],
})
export class ScorecardHttpModule {}
