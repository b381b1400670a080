import { Module } from '@nestjs/common';
import { CommentaryModule } from '../commentary/commentary.module';
import { ScorecardModule } from '../scorecard/scorecard.module';
import { ScorecardExportsController } from './scorecard-exports.controller';
import { ScorecardExportsService } from './scorecard-exports.service';

/** The scorecard as a file (JSON, CSV, XLSX with commentary), for downloads and `oscp scorecard`. */
@Module({
  imports: [ScorecardModule, CommentaryModule],
  controllers: [ScorecardExportsController],
  providers: [ScorecardExportsService],
  exports: [ScorecardExportsService],
})
export class ScorecardExportsModule {}
