import { Module } from '@nestjs/common';
import { ExceptionsController } from './exceptions.controller';
import { ExceptionsModule } from './exceptions.module';

/** Exception reports' routes: the server imports this module, a command only `ExceptionsModule` (see `cli/command-modules.ts`). */
@Module({
  imports: [ExceptionsModule],
  controllers: [ExceptionsController],
})
export class ExceptionsHttpModule {}
