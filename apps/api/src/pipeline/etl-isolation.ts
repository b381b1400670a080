import {
  Inject,
  Injectable,
  Module,
  Optional,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  IsolatedWorker,
  removeCheckOutputAndWork,
  SpeculativeChecks,
  type BuildSnapshotInput,
  type BuildSnapshotResult,
  type IsolatedOutcome,
  type IsolatedTask,
  type ValidateSubmissionInput,
  type ValidationResult,
} from '@oscp/etl';
import { preloadWarehouse } from '@oscp/warehouse';
import { AppConfig } from '../config/app-config';
import { etlIsolationLimits } from './etl-limits';

/** Injection token of a worker started before the application (`prestartedEtlWorkerModule`). */
export const PRESTARTED_ETL_WORKER = 'PRESTARTED_ETL_WORKER';

/** A worker the command line started before the application, with the checks it sent ahead. */
export interface PrestartedEtl {
  worker: IsolatedWorker;
  ahead: SpeculativeChecks;
}

@Module({})
class PrestartedEtlWorkerModule {}

/**
 * Hands a worker the command line started (and readied) before opening the database to
 * `EtlIsolation`, so the child's start-up runs on the other core meanwhile; null: none.
 */
export function prestartedEtlWorkerModule(prestarted: PrestartedEtl | null): DynamicModule {
  return {
    module: PrestartedEtlWorkerModule,
    global: true,
    providers: [{ provide: PRESTARTED_ETL_WORKER, useValue: prestarted }],
    exports: [PRESTARTED_ETL_WORKER],
  };
}

/**
 * Validation and snapshot builds in a child process (`runIsolated`), with the memory and time
 * limits of the configuration: the API's event loop keeps answering while a run works, whatever
 * the input. A file whose check fails, crashes or runs out of time or memory is rejected with a
 * plain reason; a build that does fails the run (the published snapshot stands).
 */
@Injectable()
export class EtlIsolation implements OnApplicationShutdown {
  private readonly worker: IsolatedWorker;
  /** Checks the command line sent ahead of the run (none in the server). */
  private readonly ahead: SpeculativeChecks;

  constructor(
    private readonly config: AppConfig,
    @Optional() @Inject(PRESTARTED_ETL_WORKER) prestarted: PrestartedEtl | null = null,
  ) {
    this.worker = prestarted?.worker ?? new IsolatedWorker(etlIsolationLimits(config));
    this.ahead = prestarted?.ahead ?? SpeculativeChecks.none();
  }

  async onApplicationShutdown(): Promise<void> {
    this.worker.close();
    // After the child is stopped: what unclaimed checks wrote is removed.
    await this.ahead.discard();
  }

  /** The run takes in only these inbox files (absolute paths): checks of others sent ahead are dropped. */
  keepChecksOf(inboxPaths: ReadonlySet<string>): void {
    this.ahead.keepOnly(inboxPaths);
  }

  /** Starts the child (if it is not running) and readies it for this LA's build, without waiting. */
  prepare(): void {
    this.worker.prepare({ laCode: this.config.laCode });
  }

  /**
   * Always a result: a file the checker could not finish is rejected, naming why and its SHA-256.
   * `inboxPath`: the file in the inbox whose copy `input.path` is, whose check (of the same bytes)
   * may have been sent ahead.
   */
  async validate(
    input: ValidateSubmissionInput,
    sha256: string,
    inboxPath?: string,
  ): Promise<ValidationResult> {
    const ahead = inboxPath === undefined ? null : await this.ahead.claim(inboxPath, sha256, input);
    if (ahead) return ahead;
    const outcome = await this.run({ kind: 'validate', input });
    if (outcome.ok) return outcome.result;
    // A check stopped mid-way (killed for time or memory, crashed) could not remove what it made.
    // Best effort: the file is rejected either way, and start-up removes what is left.
    await removeCheckOutputAndWork(input.outputPath).catch(() => undefined);
    const rule = RULE_OF[outcome.problem];
    const reason = `${input.fileName} could not be checked: ${outcome.message}. It is rejected and will not be tried again; send a corrected or smaller file (SHA-256 ${sha256})`;
    return {
      status: 'rejected',
      rowsRead: 0,
      rowsAccepted: 0,
      rowsQuarantined: 0,
      reason: `${reason}.`,
      outputPath: null,
      findings: [
        {
          kind: 'file_rejected',
          dataset: input.dataset,
          fileName: input.fileName,
          line: null,
          column: null,
          value: null,
          rule,
          message: `${reason} (rule: ${rule})`,
        },
      ],
    };
  }

  /** Throws an Error with a plain message when the build could not finish. */
  async build(input: BuildSnapshotInput): Promise<BuildSnapshotResult> {
    const building = this.run({ kind: 'build', input });
    // While the child builds, this process loads what it will read the new snapshot with: on the
    // next turn of the event loop, once the task has gone to the child (a synchronous load now
    // would hold the task back).
    setImmediate(preloadWarehouse);
    const outcome = await building;
    if (outcome.ok) return outcome.result;
    throw new Error(
      outcome.problem === 'failed' ? outcome.message : `The snapshot build stopped: ${outcome.message}.`,
    );
  }

  private run<T extends IsolatedTask>(task: T): Promise<IsolatedOutcome<T>> {
    return this.worker.run(task);
  }
}

const RULE_OF = {
  time: 'time_limit',
  memory: 'memory_limit',
  crashed: 'check_crashed',
  failed: 'check_failed',
} as const;
