import type { INestApplicationContext } from '@nestjs/common';
import type { Command } from 'commander';
import type { AppConfig } from '../config/app-config';
import type { IsolatedWorker } from '@oscp/etl/isolated';
import type { DatabaseRuntime } from '../database/database-runtime';
import type { PrestartedEtl } from '../pipeline/etl-isolation';
import type { CommandModuleLoader } from './command-modules';

/**
 * One `oscp` subcommand. A command file exports one of these and `commands.ts` lists it: adding
 * a command is one file and one line.
 */
export interface CliCommand {
  register(program: Command): void;
}

/** A command that ran and failed: the message is printed, the exit code is 1. */
export class CliFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliFailure';
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export interface CliContextOverrides {
  /** `--data-dir`: replaces DATA_DIR. */
  dataDir?: string;
  /** `--run-date`: replaces OSCP_RUN_DATE. */
  runDate?: string;
}

/** The configuration the command line runs with: the environment, with command-line overrides. */
export async function cliConfig(overrides: CliContextOverrides = {}): Promise<AppConfig> {
  // The configuration schema (zod) is loaded only by commands that use it, not by --help.
  const { loadConfig } = await import('../config/app-config.js');
  const environment: NodeJS.ProcessEnv = { ...process.env };
  // The command line's stdout is its output; logs go to stderr, and only warnings unless asked.
  environment.LOG_LEVEL = process.env.LOG_LEVEL?.trim() ? process.env.LOG_LEVEL : 'warn';
  if (overrides.dataDir !== undefined) environment.DATA_DIR = overrides.dataDir;
  if (overrides.runDate !== undefined) environment.OSCP_RUN_DATE = overrides.runDate;
  return loadConfig(environment);
}

/**
 * Boots the command's root module (`command-modules.ts`: the features it uses, on the server's
 * DataSource, without HTTP, schedule or demo start-up run); hands the context to `work` and
 * always closes it (and the embedded database).
 */
export async function withAppContext<T>(
  overrides: CliContextOverrides,
  rootModule: CommandModuleLoader,
  work: (context: INestApplicationContext, config: AppConfig) => Promise<T>,
  { prestartEtl = false, checkAhead }: { prestartEtl?: boolean; checkAhead?: CheckAhead } = {},
): Promise<T> {
  const config = await cliConfig(overrides);
  // The ETL child is forked first, as its start-up (its modules) is the longest wait of a small
  // run; it is sent nothing until the database has taken the data folder's lock below. Then the
  // database opens (the embedded one in a thread of its own): both work on the other core while
  // this thread loads Nest and the application's modules. Loaded here, not at the top: `oscp
  // --help` and `oscp demo-data` do not pay for Nest, the feature modules and the database.
  const forked = prestartEtl ? await forkEtlWorker(config) : undefined;
  const loadingRuntime = import('../database/database-runtime.js');
  // Settled here too, so that a failure is not reported as unhandled while the child is stopped.
  loadingRuntime.catch(() => undefined);
  const { DatabaseRuntime } = await loadingRuntime.catch((error: unknown) => {
    forked?.close();
    throw error;
  });
  let opening: Promise<DatabaseRuntime>;
  try {
    // The embedded database takes the data folder's lock before this returns, or throws here if
    // another process holds it: only then are the checks sent, which write into the data folder.
    opening = DatabaseRuntime.open(config);
  } catch (error) {
    forked?.close();
    throw error;
  }
  // Settled here too, so a failure is not reported as unhandled while the modules load.
  opening.catch(() => undefined);
  // A step failing before the context owns the database closes it, or the process would print
  // the failure and never exit (the database's thread keeps it alive).
  const closingDatabase = async (error: unknown): Promise<never> => {
    await (await opening.catch(() => null))?.close().catch(() => undefined);
    throw error;
  };
  const etl = forked
    ? await sendChecksAhead(forked, config, checkAhead).catch(async (error: unknown) => {
        forked.close();
        return closingDatabase(error);
      })
    : undefined;
  let context: INestApplicationContext;
  try {
    // One after another: a module being import()ed cannot be require()d by another meanwhile.
    const loading = async () => {
      const { NestFactory } = await import('@nestjs/core');
      const { Logger } = await import('nestjs-pino');
      return { NestFactory, Logger, commandRoot: await rootModule() };
    };
    const { NestFactory, Logger, commandRoot } = await loading().catch(closingDatabase);
    const database = await opening;
    try {
      context = await NestFactory.createApplicationContext(
        commandRoot({ config, database, mode: 'cli', etl }),
        {
          bufferLogs: true,
          abortOnError: false,
        },
      );
    } catch (error) {
      await database.close().catch(() => undefined);
      throw error;
    }
    context.useLogger(context.get(Logger));
  } catch (error) {
    etl?.worker.close();
    await etl?.ahead.discard();
    throw error;
  }
  try {
    return await work(context, config);
  } finally {
    await context.close();
  }
}

/** `etl run`: its inbox, whose files the child starts checking while the application loads. */
export interface CheckAhead {
  /** Default: the data folder's inbox. */
  inboxDir?: string;
}

/** The ETL child, forked at once with nothing to do yet. */
async function forkEtlWorker(config: AppConfig): Promise<IsolatedWorker> {
  // The ETL library's child-process part alone: the rest (DuckDB, the models) loads after the fork.
  const [{ IsolatedWorker }, { etlIsolationLimits }] = await Promise.all([
    import('@oscp/etl/isolated'),
    import('../pipeline/etl-limits.js'),
  ]);
  const worker = new IsolatedWorker(etlIsolationLimits(config));
  worker.start();
  return worker;
}

/** Sends the inbox's checks ahead, then the DfE reference data's preparation, to the forked child. */
async function sendChecksAhead(
  worker: IsolatedWorker,
  config: AppConfig,
  checkAhead: CheckAhead | undefined,
): Promise<PrestartedEtl> {
  const [{ SpeculativeChecks, checkAheadFolder }, { dataPath }] = await Promise.all([
    import('@oscp/etl/isolated'),
    import('../pipeline/data-folders.js'),
  ]);
  try {
    // The checks first: the DfE reference data the build reads (`prepare`) can wait for them.
    const ahead = checkAhead
      ? await SpeculativeChecks.start(worker, {
          inboxDir: checkAhead.inboxDir ?? dataPath(config.dataDir, 'inbox'),
          outputDir: checkAheadFolder(dataPath(config.dataDir, 'submissions')),
          rejectThresholdPct: config.rejectThresholdPct,
        })
      : SpeculativeChecks.none();
    worker.prepare({ laCode: config.laCode });
    return { worker, ahead };
  } catch (error) {
    worker.close();
    throw error;
  }
}
