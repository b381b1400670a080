import { Module, type DynamicModule, type ForwardReference, type Type } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DatabaseRuntime } from './database/database-runtime';
import { LoggingModule } from './logging/logging.module';
import { prestartedEtlWorkerModule, type PrestartedEtl } from './pipeline/etl-isolation';
import { RuntimeMode } from './runtime-mode';

export interface AppModuleOptions {
  config: AppConfig;
  database: DatabaseRuntime;
  /** `server`: HTTP, schedule and start-up demo run; `cli`: the same modules without them. */
  mode: 'server' | 'cli';
  /** An ETL child process started before the application, with its checks sent ahead (`etl run`). */
  etl?: PrestartedEtl;
}

export type ModuleImport = Type | DynamicModule | ForwardReference;

/**
 * What every root module holds (configuration, logging, the database, the run mode and the ETL
 * child handed over by the command line), followed by `features`: the server's root module lists
 * every feature, each command line command only those it uses.
 */
export function rootModule(
  module: Type,
  options: AppModuleOptions,
  features: readonly ModuleImport[],
): DynamicModule {
  return {
    module,
    imports: [
      ConfigModule.forRoot(options.config),
      LoggingModule.forRoot(options.mode === 'server' ? 'stdout' : 'stderr'),
      DatabaseModule.forRoot(options.database),
      RuntimeMode.forRoot(options.mode),
      prestartedEtlWorkerModule(options.etl ?? null),
      ...features,
    ],
  };
}

/** The root module of one command line command (`cli/command-modules.ts`; one per process). */
@Module({})
export class CommandModule {}
