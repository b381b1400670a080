import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SubgroupEntity } from './subgroup.entity';
import { SubgroupsService } from './subgroups.service';

/** The partnership's subgroups as data: listed for everyone, edited by administrators. */
@Module({
  imports: [TypeOrmModule.forFeature([SubgroupEntity])],
  providers: [SubgroupsService],
  exports: [SubgroupsService],
})
export class SubgroupsModule {}
