import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import type { IsolatedWorker } from '@oscp/etl';
import { AgenciesModule } from './agencies/agencies.module';
import { AgencyViewModule } from './agency-view/agency-view.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BriefingsModule } from './briefings/briefings.module';
import { CommentaryModule } from './commentary/commentary.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DatabaseRuntime } from './database/database-runtime';
import { DocsModule } from './docs/docs.module';
import { ExceptionsModule } from './exceptions/exceptions.module';
import { HealthModule } from './health/health.module';
import { HttpModule } from './http/http.module';
import { LoggingModule } from './logging/logging.module';
import { PartnerReturnsModule } from './partner-returns/partner-returns.module';
import { prestartedEtlWorkerModule } from './pipeline/etl-isolation';
import { PipelineModule } from './pipeline/pipeline.module';
import { RuntimeMode } from './runtime-mode';
import { ScorecardModule } from './scorecard/scorecard.module';
import { ScorecardExportsModule } from './scorecard-exports/scorecard-exports.module';
import { SignOffsModule } from './signoffs/signoffs.module';
import { SubgroupsModule } from './subgroups/subgroups.module';
import { TargetsModule } from './targets/targets.module';
import { UsersModule } from './users/users.module';

export interface AppModuleOptions {
  config: AppConfig;
  database: DatabaseRuntime;
  /** `server`: HTTP, schedule and start-up demo run; `cli`: the same modules without them. */
  mode: 'server' | 'cli';
  /** An ETL child process started before the application (the command line's `etl run`). */
  etlWorker?: IsolatedWorker;
}

/** Feature modules: add one line per feature. */
const FEATURE_MODULES = [
  HealthModule,
  DocsModule,
  PipelineModule,
  AuditModule,
  AuthModule,
  UsersModule,
  ScorecardModule,
  TargetsModule,
  SignOffsModule,
  BriefingsModule,
  ScorecardExportsModule,
  SubgroupsModule,
  ExceptionsModule,
  CommentaryModule,
  AgenciesModule,
  PartnerReturnsModule,
  AgencyViewModule,
];

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(options.config),
        LoggingModule.forRoot(options.mode === 'server' ? 'stdout' : 'stderr'),
        DatabaseModule.forRoot(options.database),
        RuntimeMode.forRoot(options.mode),
        prestartedEtlWorkerModule(options.etlWorker ?? null),
        HttpModule,
        ScheduleModule.forRoot(),
        ...FEATURE_MODULES,
      ],
    };
  }
}
