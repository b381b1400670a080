import type { DynamicModule } from '@nestjs/common';
import type { AppModuleOptions, ModuleImport } from '../root-module';

/**
 * Loads the root module of one command: the modules it uses and what they import, nothing else,
 * so a command does not pay for loading and wiring the features it does not use (the HTTP layer's
 * error filter, sign-in, the briefing pack, the dashboard's features).
 */
export type CommandModuleLoader = () => Promise<(options: AppModuleOptions) => DynamicModule>;

async function commandRoot(
  features: () => Promise<ModuleImport[]>,
): Promise<(options: AppModuleOptions) => DynamicModule> {
  // Imported here, not at the top: `oscp --help` loads none of it. One after another: a module
  // that is being import()ed cannot be require()d meanwhile by another one's import.
  const { rootModule, CommandModule } = await import('../root-module.js');
  const imports = await features();
  return (options) => rootModule(CommandModule, options, imports);
}

/**
 * `oscp etl run`: the pipeline and the exception reports it drafts after publishing, with the
 * audit log they write. No schedule: only the server schedules (`SchedulingModule`).
 */
export const etlRunModule: CommandModuleLoader = () =>
  commandRoot(async () => [
    (await import('../audit/audit.module.js')).AuditModule,
    (await import('../pipeline/pipeline.module.js')).PipelineModule,
    (await import('../exceptions/exceptions.module.js')).ExceptionsModule,
  ]);

/** `oscp scorecard`: the scorecard's exports (JSON, CSV, XLSX, Arrow). */
export const scorecardModule: CommandModuleLoader = () =>
  commandRoot(async () => [
    (await import('../audit/audit.module.js')).AuditModule,
    (await import('../scorecard-exports/scorecard-exports.module.js')).ScorecardExportsModule,
  ]);

/** `oscp briefing`: the briefing pack. */
export const briefingModule: CommandModuleLoader = () =>
  commandRoot(async () => [
    (await import('../audit/audit.module.js')).AuditModule,
    (await import('../briefings/briefings.module.js')).BriefingsModule,
  ]);

/** `oscp users`: accounts and the audit log. */
export const usersModule: CommandModuleLoader = () =>
  commandRoot(async () => [
    (await import('../audit/audit.module.js')).AuditModule,
    (await import('../users/users.module.js')).UsersModule,
  ]);
