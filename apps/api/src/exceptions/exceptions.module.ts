import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PipelineModule } from '../pipeline/pipeline.module';
import { ScorecardModule } from '../scorecard/scorecard.module';
import { SubgroupsModule } from '../subgroups/subgroups.module';
import { ExceptionReportEntity, ExceptionReportHistoryEntity } from './exception-report.entity';
import { ExceptionReportsService } from './exception-reports.service';

/** Exception reports: drafts after each published run, the chair's narrative, the manager's review. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ExceptionReportEntity, ExceptionReportHistoryEntity]),
    PipelineModule,
    ScorecardModule,
    SubgroupsModule,
  ],
  providers: [ExceptionReportsService],
  exports: [ExceptionReportsService],
})
export class ExceptionsModule {}
