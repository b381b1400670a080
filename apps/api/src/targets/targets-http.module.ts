import { Module } from '@nestjs/common';
import { TargetsController } from './targets.controller';
import { TargetsModule } from './targets.module';

/** Target changes' routes: the server imports this module, a command only `TargetsModule` (see `cli/command-modules.ts`). */
@Module({
  imports: [TargetsModule],
  controllers: [TargetsController],
})
export class TargetsHttpModule {}
