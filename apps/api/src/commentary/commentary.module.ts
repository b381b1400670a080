import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ScorecardModule } from '../scorecard/scorecard.module';
import { SubgroupsModule } from '../subgroups/subgroups.module';
import { CommentaryController } from './commentary.controller';
import { CommentaryEntity, CommentaryHistoryEntity } from './commentary.entity';
import { CommentaryService } from './commentary.service';

/** Commentary: the owning subgroup's "so what" per indicator and quarter, with history. */
@Module({
  imports: [
    TypeOrmModule.forFeature([CommentaryEntity, CommentaryHistoryEntity]),
    ScorecardModule,
    SubgroupsModule,
  ],
  controllers: [CommentaryController],
  providers: [CommentaryService],
  exports: [CommentaryService],
})
export class CommentaryModule {}
