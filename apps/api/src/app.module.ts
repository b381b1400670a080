import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AgenciesHttpModule } from './agencies/agencies-http.module';
import { AgencyViewModule } from './agency-view/agency-view.module';
import { AuditHttpModule } from './audit/audit-http.module';
import { AuthModule } from './auth/auth.module';
import { BriefingsModule } from './briefings/briefings.module';
import { CommentaryModule } from './commentary/commentary.module';
import { DocsModule } from './docs/docs.module';
import { ExceptionsHttpModule } from './exceptions/exceptions-http.module';
import { HealthModule } from './health/health.module';
import { HttpModule } from './http/http.module';
import { PartnerReturnsModule } from './partner-returns/partner-returns.module';
import { SchedulingModule } from './scheduling/scheduling.module';
import { PipelineHttpModule } from './pipeline/pipeline-http.module';
import { rootModule, type AppModuleOptions } from './root-module';
import { ScorecardHttpModule } from './scorecard/scorecard-http.module';
import { ScorecardExportsModule } from './scorecard-exports/scorecard-exports.module';
import { SignOffsHttpModule } from './signoffs/signoffs-http.module';
import { SubgroupsHttpModule } from './subgroups/subgroups-http.module';
import { TargetsHttpModule } from './targets/targets-http.module';
import { UsersModule } from './users/users.module';

export type { AppModuleOptions } from './root-module';

/** Feature modules: add one line per feature. */
const FEATURE_MODULES = [
  HealthModule,
  DocsModule,
  PipelineHttpModule,
  AuditHttpModule,
  AuthModule,
  UsersModule,
  ScorecardHttpModule,
  TargetsHttpModule,
  SignOffsHttpModule,
  BriefingsModule,
  ScorecardExportsModule,
  SubgroupsHttpModule,
  ExceptionsHttpModule,
  CommentaryModule,
  AgenciesHttpModule,
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
