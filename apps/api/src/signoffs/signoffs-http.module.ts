import { Module } from '@nestjs/common';
import { SignOffsController } from './signoffs.controller';
import { SignOffsModule } from './signoffs.module';

/** Quarter sign-off's routes: the server imports this module, a command only `SignOffsModule` (see `cli/command-modules.ts`). */
@Module({
  imports: [SignOffsModule],
  controllers: [SignOffsController],
})
export class SignOffsHttpModule {}
