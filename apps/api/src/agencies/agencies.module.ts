import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RETURN_DUE_DAYS_SOURCE } from '../pipeline/pipeline.service';
import { AgenciesController } from './agencies.controller';
import { AgenciesService } from './agencies.service';
import { AgencyEntity } from './agency.entity';

/** Partner agencies as data (PostgreSQL `agency`), read by the pipeline for partner-return due days. */
@Module({
  imports: [TypeOrmModule.forFeature([AgencyEntity])],
  controllers: [AgenciesController],
  providers: [AgenciesService, { provide: RETURN_DUE_DAYS_SOURCE, useExisting: AgenciesService }],
  exports: [AgenciesService],
})
export class AgenciesModule {}
