import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PipelineModule } from '../pipeline/pipeline.module';
import { SignOffEntity } from './signoff.entity';
import { SignOffsService } from './signoffs.service';

/** Quarter sign-off (PostgreSQL `quarter_signoff`); retention keeps signed-off snapshots. */
@Module({
  imports: [TypeOrmModule.forFeature([SignOffEntity]), PipelineModule],
  providers: [SignOffsService],
  exports: [SignOffsService],
})
export class SignOffsModule {}
