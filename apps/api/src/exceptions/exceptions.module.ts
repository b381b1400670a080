import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SNAPSHOT_PUBLISHED_LISTENER } from '../pipeline/snapshot-published';
import { ScorecardModule } from '../scorecard/scorecard.module';
import { SubgroupsModule } from '../subgroups/subgroups.module';
import { ExceptionReportEntity, ExceptionReportHistoryEntity } from './exception-report.entity';
import { ExceptionReportsService } from './exception-reports.service';
import { ExceptionsController } from './exceptions.controller';

/** Exception reports: drafts after each published run, the chair's narrative, the manager's review. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ExceptionReportEntity, ExceptionReportHistoryEntity]),
    ScorecardModule,
    SubgroupsModule,
  ],
  controllers: [ExceptionsController],
  // The pipeline calls this after each publication (see pipeline/snapshot-published.ts).
  providers: [
    ExceptionReportsService,
    { provide: SNAPSHOT_PUBLISHED_LISTENER, useExisting: ExceptionReportsService },
  ],
  exports: [ExceptionReportsService],
})
export class ExceptionsModule {}
