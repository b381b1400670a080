import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TargetOverrideEntity } from './target-override.entity';
import { TargetsController } from './targets.controller';
import { TargetsService } from './targets.service';

/** Analysts' target changes (PostgreSQL `target_override`), read by the pipeline at build time. */
@Module({
  imports: [TypeOrmModule.forFeature([TargetOverrideEntity])],
  controllers: [TargetsController],
  providers: [TargetsService],
  exports: [TargetsService],
})
export class TargetsModule {}
