import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EtlRunEntity } from '../pipeline/etl-run.entity';
import { PipelineModule } from '../pipeline/pipeline.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  imports: [PipelineModule, TypeOrmModule.forFeature([EtlRunEntity])],
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}
