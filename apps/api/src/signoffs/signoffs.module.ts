import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PipelineModule } from '../pipeline/pipeline.module';
import { SignOffEntity } from './signoff.entity';
import { SignOffsController } from './signoffs.controller';
import { SignOffsService } from './signoffs.service';

/** Quarter sign-off (PostgreSQL `quarter_signoff`); retention keeps signed-off snapshots. */
@Module({
  imports: [TypeOrmModule.forFeature([SignOffEntity]), PipelineModule],
  controllers: [SignOffsController],
  providers: [SignOffsService],
  exports: [SignOffsService],
})
export class SignOffsModule {}
