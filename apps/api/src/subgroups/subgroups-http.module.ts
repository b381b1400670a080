import { Module } from '@nestjs/common';
import { SubgroupsController } from './subgroups.controller';
import { SubgroupsModule } from './subgroups.module';

/** The subgroups' routes: the server imports this module, a command only `SubgroupsModule` (see `cli/command-modules.ts`). */
@Module({
  imports: [SubgroupsModule],
  controllers: [SubgroupsController],
})
export class SubgroupsHttpModule {}
