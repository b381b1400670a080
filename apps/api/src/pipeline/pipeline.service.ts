import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { RunStatus, RunSummary, RunTrigger, SubmissionSummary } from '@oscp/contracts';
import type { Finding, InboxProblem } from '@oscp/etl';
import { DataSource, Repository } from 'typeorm';
import { AppConfig, todayFor } from '../config/app-config';
import { loggableError } from '../http/loggable-error';
import { ReturnDueDaysSource } from '../agencies/return-due-days-source';
import { TargetOverridesSource } from '../targets/target-overrides-source';
import { dataPath } from './data-folders';
import { EtlRunEntity } from './etl-run.entity';
import { ArchiveAhead, InboxIntake } from './inbox-intake';
import { RawFileRetention } from './raw-file-retention';
import { inputsFingerprint } from './inputs-fingerprint';
import { RunFailure, plainFailure } from './run-failure';
import { RunLock, RunAlreadyRunningError, type HeldRunLock } from './run-lock';
import { toRunSummary, toSubmissionSummary } from './run-views';
import { SnapshotPublishedListeners } from './snapshot-published';
import { SnapshotPublisher, type RunCounts } from './snapshot-publisher';
import { SubmissionEntity } from './submission.entity';
import { FindingSequence, ValidationRecorder, type UploadDetails } from './validation-recorder';

export interface RunOptions {
  /** The inbox to read; default `DATA_DIR/inbox`. */
  inboxDir?: string;
  /** "Today" for the run, `YYYY-MM-DD`; default OSCP_RUN_DATE or today in Europe/London. */
  runDate?: string;
  /** Submission ids chosen in advance (uploads), by the file's path inside the inbox. */
  submissionIds?: ReadonlyMap<string, string>;
  /** Who uploaded a file and what they called it, by the file's path inside the inbox. */
  uploads?: ReadonlyMap<string, UploadDetails>;
}

export interface RunOutcome {
  run: RunSummary;
  /** The files this run took in (new ones, and duplicates of accepted files). */
  submissions: SubmissionSummary[];
  /** Files seen in an earlier run, left alone. */
  filesAlreadyLoaded: number;
  /** Inbox entries that do not follow the naming rule. */
  problems: InboxProblem[];
  /** Rows the snapshot build quarantined by checks across datasets (a review whose plan is missing), per file. */
  crossFileQuarantines: { dataset: string; fileName: string; rows: number }[];
  /** One plain sentence: what happened. */
  message: string;
}

export interface StartedRun {
  runId: string;
  /** Settles when the run ends; never rejects. */
  done: Promise<RunOutcome>;
}

const INTERRUPTED =
  'Interrupted: the process running it stopped before it finished. The published snapshot stands.';

/**
 * One ETL run, in three parts: intake (`InboxIntake`: new files found, hashed and kept),
 * validation recording (`ValidationRecorder`: each new file validated, it and its findings
 * recorded) and build-and-publish (`SnapshotPublisher`: the warehouse rebuilt from every accepted
 * submission, data-tested and published in one transaction, or why not recorded). This service
 * holds the run lock and the run record; the previous snapshot keeps serving until a new one is
 * published.
 */
@Injectable()
export class PipelineService {
  private readonly logger = new Logger(PipelineService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly lock: RunLock,
    private readonly intake: InboxIntake,
    private readonly rawRetention: RawFileRetention,
    private readonly recorder: ValidationRecorder,
    private readonly publisher: SnapshotPublisher,
    private readonly targets: TargetOverridesSource,
    private readonly dueDays: ReturnDueDaysSource,
    private readonly publishedListeners: SnapshotPublishedListeners,
    @InjectRepository(EtlRunEntity) private readonly runs: Repository<EtlRunEntity>,
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
  ) {}

  /** Starts a run and waits for it to end. Throws `RunAlreadyRunningError` when one is running. */
  async run(trigger: RunTrigger, options: RunOptions = {}): Promise<RunOutcome> {
    const started = await this.start(trigger, options);
    return started.done;
  }

  /**
   * Starts a run and answers as soon as it is recorded (for HTTP 202). Throws
   * `RunAlreadyRunningError` when one is running: runs are not queued.
   */
  async start(trigger: RunTrigger, options: RunOptions = {}): Promise<StartedRun> {
    const held = await this.lock.tryAcquire();
    if (!held) throw new RunAlreadyRunningError();
    let run: EtlRunEntity;
    try {
      const runDate = options.runDate ?? todayFor(this.config);
      run = await this.runs.save(this.runs.create({ trigger, status: 'running', runDate }));
    } catch (error) {
      await held.release();
      throw error;
    }
    this.logger.log({ runId: run.id, trigger }, 'ETL run started');
    const done = this.execute(run, options, held);
    return { runId: run.id, done };
  }

  /**
   * Start-up clean-up, done only while no run holds the lock: runs left `running` by a killed
   * process are marked failed, half-built snapshot files and files of unpublished snapshots removed.
   */
  async recoverInterruptedRuns(): Promise<number> {
    const held = await this.lock.tryAcquire();
    if (!held) return 0;
    try {
      const result = await this.dataSource.query(
        `update etl_run set status = 'failed', error = $1, finished_at = now() where status = 'running' returning id`,
        [INTERRUPTED],
      );
      const interrupted = Array.isArray(result) && Array.isArray(result[0]) ? result[0].length : 0;
      await this.intake.removePendingFiles();
      await this.publisher.removeLeftoverSnapshots();
      if (interrupted > 0)
        this.logger.warn({ interrupted }, 'Marked runs interrupted by a stopped process as failed');
      return interrupted;
    } finally {
      await held.release();
    }
  }

  private async execute(run: EtlRunEntity, options: RunOptions, held: HeldRunLock): Promise<RunOutcome> {
    const outcome = await this.executeHoldingLock(run, options, held);
    // After the lock is released: the next run may start while features act on the new snapshot.
    if (outcome.run.status === 'published' && outcome.run.snapshotId)
      await this.publishedListeners.notify(outcome.run.snapshotId);
    return outcome;
  }

  private async executeHoldingLock(
    run: EtlRunEntity,
    options: RunOptions,
    held: HeldRunLock,
  ): Promise<RunOutcome> {
    try {
      return await this.steps(run, options);
    } catch (error) {
      const message = error instanceof RunFailure ? error.message : plainFailure(error);
      this.logger.error(
        { runId: run.id, errorName: error instanceof Error ? error.name : typeof error },
        'ETL run failed',
      );
      return this.finishSafely(run, 'failed', message);
    } finally {
      await held
        .release()
        .catch((error: unknown) => this.logger.error(loggableError(error), 'Could not release the run lock'));
    }
  }

  private async steps(run: EtlRunEntity, options: RunOptions): Promise<RunOutcome> {
    const inboxDir = options.inboxDir ?? dataPath(this.config.dataDir, 'inbox');
    // The ETL child starts while the inbox is read and hashed, not when the first file needs it.
    this.recorder.prepareChecks();
    await this.intake.prepareFolders(inboxDir);
    // Raw files past OSCP_RAW_RETENTION_DAYS go before the inbox is read.
    await this.rawRetention.apply(inboxDir);
    const scan = await this.intake.scan(inboxDir);
    this.recorder.keepChecksOf(scan.incoming);
    const sequence = new FindingSequence();
    await this.recorder.recordInboxProblems(run.id, scan.problems, sequence);

    const taken: SubmissionEntity[] = [];
    const archiving = new ArchiveAhead((incoming) => this.intake.archive(incoming));
    for (const [index, incoming] of scan.incoming.entries()) {
      const id = options.submissionIds?.get(incoming.inboxPath) ?? randomUUID();
      const upload = options.uploads?.get(incoming.inboxPath) ?? null;
      const duplicateOf = scan.acceptedFiles.duplicateOf(incoming.sha256, incoming.file.fileName);
      if (duplicateOf !== undefined) {
        taken.push(await this.recorder.recordDuplicate(run.id, id, incoming, duplicateOf, upload));
        continue;
      }
      const kept = await archiving.take(incoming);
      // The next file is copied into the data folder while this one is validated (at England
      // scale the copies took about 2 s, one after another with the checks); not a duplicate,
      // which is recorded without a copy, nor the same bytes as this file, whose one copy this
      // file's outcome may delete (a personal-data column).
      const next = scan.incoming[index + 1];
      if (
        next &&
        next.sha256 !== incoming.sha256 &&
        scan.acceptedFiles.duplicateOf(next.sha256, next.file.fileName) === undefined
      )
        archiving.start(next);
      const submission = await this.recorder.validateAndRecord(run.id, id, incoming, kept, sequence, upload);
      taken.push(submission);
      if (submission.status === 'accepted') scan.acceptedFiles.add(incoming.sha256, submission.fileName);
    }

    const counts = runCounts(taken);
    // Recorded now, so a run that fails while building still says what its files gave.
    await this.runs.update(run.id, counts);
    const accepted = await this.submissions.find({
      where: { status: 'accepted' },
      order: { extractDate: 'ASC', fileName: 'ASC' },
    });
    const overrides = await this.targets.overridesForBuild();
    const returnDueWorkingDays = await this.dueDays.returnDueWorkingDays();
    const inputs = inputsFingerprint({
      submissionIds: accepted.map((row) => row.id),
      overrides,
      returnDueWorkingDays,
      laCode: this.config.laCode,
      runDate: run.runDate,
    });
    if (await this.publisher.publishedIsBuiltFrom(inputs)) {
      const message =
        counts.filesRejected > 0
          ? `Nothing new to load: ${counts.filesRejected} file(s) rejected; the published snapshot stands.`
          : 'Nothing new to load: the published snapshot stands.';
      const summary = await this.finish(run, 'unchanged', null, counts);
      return this.outcome(summary, taken, scan.filesAlreadyLoaded, scan.problems, message);
    }

    if (accepted.length === 0) {
      throw new RunFailure(
        counts.filesRejected > 0
          ? `Nothing was published: every file was rejected (${counts.filesRejected}), so there is no data to build a snapshot from.`
          : `Nothing was published: there are no accepted files yet. Put extracts in the inbox (${inboxDir}) or upload them.`,
      );
    }

    const published = await this.publisher.buildAndPublish({
      run,
      accepted,
      overrides,
      returnDueWorkingDays,
      inputsSha256: inputs,
      counts,
      sequence,
    });
    return this.outcome(
      published.run,
      taken,
      scan.filesAlreadyLoaded,
      scan.problems,
      `Published snapshot ${published.snapshotId}.`,
      published.crossFileFindings,
    );
  }

  private async finish(
    run: EtlRunEntity,
    status: RunStatus,
    error: string | null,
    counts: RunCounts,
  ): Promise<RunSummary> {
    await this.runs.update(run.id, { status, error, finishedAt: () => 'now()', ...counts });
    return toRunSummary(await this.runs.findOneByOrFail({ id: run.id }));
  }

  /** Records a failure; if even that fails (database gone), answers from memory. */
  private async finishSafely(run: EtlRunEntity, status: 'failed', message: string): Promise<RunOutcome> {
    try {
      await this.runs.update(run.id, { status, error: message, finishedAt: () => 'now()' });
      const saved = await this.runs.findOneByOrFail({ id: run.id });
      const taken = await this.submissions.find({ where: { runId: run.id }, order: { createdAt: 'ASC' } });
      return this.outcome(toRunSummary(saved), taken, 0, [], message);
    } catch (error) {
      this.logger.error({ runId: run.id, ...loggableError(error) }, 'Could not record the failed run');
      const summary: RunSummary = {
        ...toRunSummary(run),
        status,
        error: message,
        finishedAt: new Date().toISOString(),
      };
      return {
        run: summary,
        submissions: [],
        filesAlreadyLoaded: 0,
        problems: [],
        message,
        crossFileQuarantines: [],
      };
    }
  }

  private outcome(
    run: RunSummary,
    taken: SubmissionEntity[],
    filesAlreadyLoaded: number,
    problems: InboxProblem[],
    message: string,
    crossFile: readonly Finding[] = [],
  ): RunOutcome {
    return {
      run,
      submissions: taken.map(toSubmissionSummary),
      filesAlreadyLoaded,
      problems,
      message,
      crossFileQuarantines: quarantinesByFile(crossFile),
    };
  }
}

function quarantinesByFile(findings: readonly Finding[]): RunOutcome['crossFileQuarantines'] {
  const byFile = new Map<string, { dataset: string; fileName: string; rows: number }>();
  for (const finding of findings) {
    if (finding.kind !== 'row_quarantined') continue;
    const key = `${finding.dataset}\u0000${finding.fileName}`;
    const entry = byFile.get(key) ?? { dataset: finding.dataset, fileName: finding.fileName, rows: 0 };
    entry.rows += 1;
    byFile.set(key, entry);
  }
  return [...byFile.values()];
}

function runCounts(taken: SubmissionEntity[]): RunCounts {
  return {
    filesAccepted: taken.filter((row) => row.status === 'accepted').length,
    filesRejected: taken.filter((row) => row.status === 'rejected').length,
    rowsQuarantined: taken.reduce((sum, row) => sum + row.rowsQuarantined, 0),
  };
}
