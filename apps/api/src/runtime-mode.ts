import { Module, type DynamicModule } from '@nestjs/common';

/** Whether this process is the server or the command line (injectable as `RuntimeMode`). */
export abstract class RuntimeMode {
  abstract readonly mode: 'server' | 'cli';

  static forRoot(mode: 'server' | 'cli'): DynamicModule {
    return {
      module: RuntimeModeModule,
      global: true,
      providers: [{ provide: RuntimeMode, useValue: { mode } }],
      exports: [RuntimeMode],
    };
  }
}

@Module({})
class RuntimeModeModule {}
