import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TargetOverrideEntity } from './target-override.entity';
import { TargetOverridesSource } from './target-overrides-source';
import { TargetsService } from './targets.service';

/** Analysts' target changes (PostgreSQL `target_override`), read by the pipeline at build time. */
@Module({
  imports: [TypeOrmModule.forFeature([TargetOverrideEntity])],
  providers: [TargetsService, { provide: TargetOverridesSource, useExisting: TargetsService }],
  exports: [TargetsService, TargetOverridesSource],
})
export class TargetsModule {}
