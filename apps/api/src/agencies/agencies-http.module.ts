import { Module } from '@nestjs/common';
import { AgenciesController } from './agencies.controller';
import { AgenciesModule } from './agencies.module';

/** The agencies' routes: the server imports this module, a command only `AgenciesModule` (see `cli/command-modules.ts`). */
@Module({
  imports: [AgenciesModule],
  controllers: [AgenciesController],
})
export class AgenciesHttpModule {}
