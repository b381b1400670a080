import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AgenciesModule } from './agencies/agencies.module';
import { AgencyViewModule } from './agency-view/agency-view.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BriefingsModule } from './briefings/briefings.module';
import { CommentaryModule } from './commentary/commentary.module';
import { DocsModule } from './docs/docs.module';
import { ExceptionsModule } from './exceptions/exceptions.module';
import { HealthModule } from './health/health.module';
import { HttpModule } from './http/http.module';
import { PartnerReturnsModule } from './partner-returns/partner-returns.module';
import { SchedulingModule } from './scheduling/scheduling.module';
import { PipelineModule } from './pipeline/pipeline.module';
import { rootModule, type AppModuleOptions } from './root-module';
import { ScorecardModule } from './scorecard/scorecard.module';
import { ScorecardExportsModule } from './scorecard-exports/scorecard-exports.module';
import { SignOffsModule } from './signoffs/signoffs.module';
import { SubgroupsModule } from './subgroups/subgroups.module';
import { TargetsModule } from './targets/targets.module';
import { UsersModule } from './users/users.module';

export type { AppModuleOptions } from './root-module';

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
  SchedulingModule,
];

/** The server's root module: every feature, the HTTP error shape and the schedule. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return rootModule(AppModule, options, [HttpModule, ScheduleModule.forRoot(), ...FEATURE_MODULES]);
  }
}
