import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesService } from './agencies.service';
import { AgencyEntity } from './agency.entity';
import { ReturnDueDaysSource } from './return-due-days-source';

/** Partner agencies as data (PostgreSQL `agency`), read by the pipeline for partner-return due days. */
@Module({
  imports: [TypeOrmModule.forFeature([AgencyEntity])],
  // The snapshot build reads each agency's partner-return due days (`ReturnDueDaysSource`).
  providers: [AgenciesService, { provide: ReturnDueDaysSource, useExisting: AgenciesService }],
  exports: [AgenciesService, ReturnDueDaysSource],
})
export class AgenciesModule {}
