import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TARGET_OVERRIDES_SOURCE } from '../pipeline/pipeline.service';
import { TargetOverrideEntity } from './target-override.entity';
import { TargetsController } from './targets.controller';
import { TargetsService } from './targets.service';

/** Analysts' target changes (PostgreSQL `target_override`), read by the pipeline at build time. */
@Module({
  imports: [TypeOrmModule.forFeature([TargetOverrideEntity])],
  controllers: [TargetsController],
  // The pipeline looks the overrides up by this token when it builds a snapshot.
  providers: [TargetsService, { provide: TARGET_OVERRIDES_SOURCE, useExisting: TargetsService }],
  exports: [TargetsService],
})
export class TargetsModule {}
