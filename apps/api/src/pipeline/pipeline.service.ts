import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import type { RunStatus, RunSummary, RunTrigger, SubmissionSummary } from '@oscp/contracts';
import {
  buildSnapshot,
  discoverInbox,
  sha256File,
  validateSubmission,
  type AcceptedSubmission,
  type Dataset,
  type Finding,
  type InboxFile,
  type InboxProblem,
} from '@oscp/etl';
import type { TargetOverrideInput } from '@oscp/scorecard';
import { DataSource, Repository, type EntityManager } from 'typeorm';
import { AppConfig, todayFor } from '../config/app-config';
import { loggableError } from '../http/loggable-error';
import { dataPath, storedPath } from './data-folders';
import { EtlRun } from './etl-run.entity';
import { inputsFingerprint } from './inputs-fingerprint';
import { QualityFindingRecord } from './quality-finding.entity';
import { RunLock, RunAlreadyRunningError, type HeldRunLock } from './run-lock';
import { toRunSummary, toSubmissionSummary } from './run-views';
import { Snapshot } from './snapshot.entity';
import { SnapshotRetention } from './snapshot-retention';
import { SnapshotStore } from './snapshot-store';
import { notifySnapshotPublished } from './snapshot-published';
import { Submission } from './submission.entity';

export interface RunOptions {
  /** The inbox to read; default `DATA_DIR/inbox`. */
  inboxDir?: string;
  /** "Today" for the run, `YYYY-MM-DD`; default OSCP_RUN_DATE or today in Europe/London. */
  runDate?: string;
  /** Submission ids chosen in advance (uploads), by the file's path inside the inbox. */
  submissionIds?: ReadonlyMap<string, string>;
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

/** A run failure whose message is already plain English for the run record. */
class RunFailure extends Error {}

const FINDINGS_PER_INSERT = 500;
const INTERRUPTED =
  'Interrupted: the process running it stopped before it finished. The published snapshot stands.';

/**
 * One ETL run: take the inbox, validate new files, rebuild the warehouse from every accepted
 * submission, run the data tests, and publish the new snapshot in one transaction, or record
 * why not. The previous snapshot keeps serving until the new one is published.
 */
@Injectable()
export class PipelineService {
  private readonly logger = new Logger(PipelineService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly lock: RunLock,
    private readonly snapshots: SnapshotStore,
    private readonly retention: SnapshotRetention,
    private readonly moduleRef: ModuleRef,
    @InjectRepository(EtlRun) private readonly runs: Repository<EtlRun>,
    @InjectRepository(Submission) private readonly submissions: Repository<Submission>,
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
    let run: EtlRun;
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
      await this.removeLeftoverFiles();
      if (interrupted > 0)
        this.logger.warn({ interrupted }, 'Marked runs interrupted by a stopped process as failed');
      return interrupted;
    } finally {
      await held.release();
    }
  }

  private async execute(run: EtlRun, options: RunOptions, held: HeldRunLock): Promise<RunOutcome> {
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

  private async steps(run: EtlRun, options: RunOptions): Promise<RunOutcome> {
    const dataDir = this.config.dataDir;
    const inboxDir = options.inboxDir ?? dataPath(dataDir, 'inbox');
    await Promise.all([
      mkdir(inboxDir, { recursive: true }),
      mkdir(dataPath(dataDir, 'submissions'), { recursive: true }),
      mkdir(dataPath(dataDir, 'snapshots'), { recursive: true }),
    ]);

    const listing = await discoverInbox(inboxDir);
    let seq = 0;
    const nextSeq = (): number => (seq += 1);
    if (listing.problems.length > 0) {
      await this.insertFindings(
        this.dataSource.manager,
        run.id,
        null,
        listing.problems.map((problem) => inboxProblemFinding(problem)),
        nextSeq,
      );
    }

    const known = await this.submissions.find({
      select: { sha256: true, inboxPath: true, status: true, fileName: true },
    });
    const seen = new Set(known.map((row) => `${row.inboxPath}\u0000${row.sha256}`));
    // Same bytes in the same format: a CSV renamed .xlsx is a different (unreadable) submission.
    const acceptedByContent = new Map(
      known
        .filter((row) => row.status === 'accepted')
        .map((row) => [contentKey(row.sha256, row.fileName), row.fileName]),
    );

    const taken: Submission[] = [];
    let filesAlreadyLoaded = 0;
    for (const file of listing.files) {
      const inboxPath = relative(inboxDir, file.path).split(sep).join('/');
      const sha256 = await sha256File(file.path);
      if (seen.has(`${inboxPath}\u0000${sha256}`)) {
        filesAlreadyLoaded += 1;
        continue;
      }
      seen.add(`${inboxPath}\u0000${sha256}`);
      const id = options.submissionIds?.get(inboxPath) ?? randomUUID();
      const duplicateOf = acceptedByContent.get(contentKey(sha256, file.fileName));
      if (duplicateOf !== undefined) {
        taken.push(
          await this.submissions.save(
            this.submissionRow(id, run.id, file, inboxPath, sha256, {
              status: 'skipped_duplicate',
              reason: `${file.fileName} has the same content as ${duplicateOf}, which is already loaded.`,
            }),
          ),
        );
        continue;
      }
      const submission = await this.takeFile(run.id, id, file, inboxPath, sha256, nextSeq);
      taken.push(submission);
      if (submission.status === 'accepted') {
        acceptedByContent.set(contentKey(sha256, submission.fileName), submission.fileName);
      }
    }

    const counts = runCounts(taken);
    // Recorded now, so a run that fails while building still says what its files gave.
    await this.runs.update(run.id, {
      filesAccepted: counts.filesAccepted,
      filesRejected: counts.filesRejected,
      rowsQuarantined: counts.rowsQuarantined,
    });
    const accepted = await this.submissions.find({
      where: { status: 'accepted' },
      order: { extractDate: 'ASC', fileName: 'ASC' },
    });
    const overrides = await this.targetOverrides();
    const inputs = inputsFingerprint({
      submissionIds: accepted.map((row) => row.id),
      overrides,
      laCode: this.config.laCode,
      runDate: run.runDate,
    });
    const current = await this.dataSource.getRepository(Snapshot).findOne({ where: { isCurrent: true } });
    if (current && (await this.includesEverything(current, inputs))) {
      const message =
        counts.filesRejected > 0
          ? `Nothing new to load: ${counts.filesRejected} file(s) rejected; the published snapshot stands.`
          : 'Nothing new to load: the published snapshot stands.';
      const summary = await this.finish(run, 'unchanged', null, counts);
      return this.outcome(summary, taken, filesAlreadyLoaded, listing.problems, message);
    }

    if (accepted.length === 0) {
      throw new RunFailure(
        counts.filesRejected > 0
          ? `Nothing was published: every file was rejected (${counts.filesRejected}), so there is no data to build a snapshot from.`
          : `Nothing was published: there are no accepted files yet. Put extracts in the inbox (${inboxDir}) or upload them.`,
      );
    }

    const snapshotId = randomUUID();
    const snapshotFile = storedPath('snapshots', `${snapshotId}.duckdb`);
    const outPath = join(dataDir, snapshotFile);
    const built = await buildSnapshot({
      snapshotId,
      outPath,
      submissions: accepted.map((row) => toAcceptedSubmission(row, dataDir)),
      runDate: run.runDate,
      laCode: this.config.laCode,
      overrides,
    }).catch((error: unknown) => {
      throw new RunFailure(
        `The warehouse could not be built: ${firstLine(error)} The published snapshot stands.`,
      );
    });

    const bySubmissionFile = new Map(accepted.map((row) => [`${row.dataset}\u0000${row.fileName}`, row.id]));
    const crossFile = built.findings;
    for (const finding of crossFile) {
      await this.insertFindings(
        this.dataSource.manager,
        run.id,
        bySubmissionFile.get(`${finding.dataset}\u0000${finding.fileName}`) ?? null,
        [finding],
        nextSeq,
      );
    }
    const crossFileRows = crossFile.filter((finding) => finding.kind === 'row_quarantined').length;
    const totals = { ...counts, rowsQuarantined: counts.rowsQuarantined + crossFileRows };

    if (built.dataTestFailures.length > 0) {
      await removeSnapshotFiles(outPath);
      const failures = built.dataTestFailures
        .map(
          (failure) =>
            `${failure.test} (${failure.failingRows} failing row${failure.failingRows === 1 ? '' : 's'}: ${failure.description})`,
        )
        .join('; ');
      await this.runs.update(run.id, {
        filesAccepted: totals.filesAccepted,
        filesRejected: totals.filesRejected,
        rowsQuarantined: totals.rowsQuarantined,
      });
      throw new RunFailure(
        `The new snapshot failed ${built.dataTestFailures.length} data test(s): ${failures}. Nothing was published; the published snapshot stands.`,
      );
    }

    const summary = await this.publish(
      run,
      {
        id: snapshotId,
        path: snapshotFile,
        periods: built.periods,
        defaultPeriod: built.defaultPeriod,
        inputsSha256: inputs,
      },
      totals,
    ).catch(async (error: unknown) => {
      await removeSnapshotFiles(outPath);
      throw error;
    });
    this.logger.log({ runId: run.id, snapshotId }, 'ETL run published a snapshot');
    await notifySnapshotPublished(this.moduleRef, snapshotId);
    await this.retention
      .apply()
      .catch((error: unknown) => this.logger.error(loggableError(error), 'Snapshot retention failed'));
    return this.outcome(
      summary,
      taken,
      filesAlreadyLoaded,
      listing.problems,
      `Published snapshot ${snapshotId}.`,
      crossFile,
    );
  }

  /**
   * Whether the published snapshot was built from exactly these inputs (the same accepted
   * submissions, targets, LA and run date). Snapshots from before fingerprints were recorded count as
   * complete when no submission was accepted after them.
   */
  private async includesEverything(current: Snapshot, inputs: string): Promise<boolean> {
    if (current.inputsSha256 !== null) return current.inputsSha256 === inputs;
    const later = await this.submissions
      .createQueryBuilder('s')
      .where(`s.status = 'accepted'`)
      .andWhere('s.created_at > :at', { at: current.createdAt })
      .getCount();
    return later === 0;
  }

  /** Copies a new file into the data folder by its SHA-256, validates it, records it and its findings. */
  private async takeFile(
    runId: string,
    id: string,
    file: InboxFile,
    inboxPath: string,
    sha256: string,
    nextSeq: () => number,
  ): Promise<Submission> {
    const dataDir = this.config.dataDir;
    const extension = extname(file.fileName).toLowerCase();
    const kept = dataPath(dataDir, 'submissions', `${sha256}${extension}`);
    if (!existsSync(kept)) await copyFile(file.path, kept);
    const parquet = storedPath('submissions', `${sha256}.parquet`);
    // Written beside its final name and moved there only when accepted, so a rejected file never
    // touches the stored rows of an accepted one with the same bytes.
    const pending = dataPath(dataDir, 'submissions', `${sha256}.${id}.pending.parquet`);
    const result = await validateSubmission({
      path: kept,
      fileName: file.fileName,
      dataset: file.dataset,
      extractDate: file.extractDate,
      format: file.format,
      outputPath: pending,
      rejectThresholdPct: this.config.rejectThresholdPct,
    });
    if (result.status === 'accepted') await rename(pending, join(dataDir, parquet));
    else await rm(pending, { force: true });
    const row = this.submissionRow(id, runId, file, inboxPath, sha256, {
      status: result.status,
      reason: result.reason,
      parquetPath: result.status === 'accepted' ? parquet : null,
      rowsRead: result.rowsRead,
      rowsAccepted: result.rowsAccepted,
      rowsQuarantined: result.rowsQuarantined,
    });
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(Submission, row);
      await this.insertFindings(manager, runId, saved.id, result.findings, nextSeq);
      return saved;
    });
  }

  private submissionRow(
    id: string,
    runId: string,
    file: InboxFile,
    inboxPath: string,
    sha256: string,
    fields: Partial<Submission>,
  ): Submission {
    return this.submissions.create({
      id,
      runId,
      dataset: file.dataset,
      fileName: file.fileName,
      inboxPath,
      agency: agencyOf(file),
      extractDate: file.extractDate,
      sha256,
      parquetPath: null,
      rowsRead: 0,
      rowsAccepted: 0,
      rowsQuarantined: 0,
      reason: null,
      ...fields,
    });
  }

  private async insertFindings(
    manager: EntityManager,
    runId: string,
    submissionId: string | null,
    findings: Finding[],
    nextSeq: () => number,
  ): Promise<void> {
    for (let start = 0; start < findings.length; start += FINDINGS_PER_INSERT) {
      const chunk = findings.slice(start, start + FINDINGS_PER_INSERT).map((finding) => ({
        runId,
        submissionId,
        kind: finding.kind,
        dataset: finding.dataset,
        fileName: finding.fileName,
        line: finding.line,
        column: finding.column,
        value: finding.value === null ? null : finding.value.slice(0, 50),
        rule: finding.rule,
        message: finding.message,
        seq: nextSeq(),
      }));
      await manager.createQueryBuilder().insert().into(QualityFindingRecord).values(chunk).execute();
    }
  }

  /** The new snapshot becomes the current one, and the run published, in one transaction. */
  private async publish(
    run: EtlRun,
    snapshot: {
      id: string;
      path: string;
      periods: string[];
      defaultPeriod: string | null;
      inputsSha256: string;
    },
    counts: ReturnType<typeof runCounts>,
  ): Promise<RunSummary> {
    const finished = await this.dataSource.transaction(async (manager) => {
      await manager.insert(Snapshot, {
        id: snapshot.id,
        runId: run.id,
        path: snapshot.path,
        runDate: run.runDate,
        periods: snapshot.periods,
        defaultPeriod: snapshot.defaultPeriod,
        inputsSha256: snapshot.inputsSha256,
        isCurrent: false,
      });
      await manager.query('update snapshot set is_current = false where is_current');
      await manager.query('update snapshot set is_current = true, published_at = now() where id = $1', [
        snapshot.id,
      ]);
      await manager.update(EtlRun, run.id, {
        status: 'published',
        snapshotId: snapshot.id,
        finishedAt: () => 'now()',
        error: null,
        ...counts,
      });
      return manager.findOneByOrFail(EtlRun, { id: run.id });
    });
    return toRunSummary(finished);
  }

  private async finish(
    run: EtlRun,
    status: RunStatus,
    error: string | null,
    counts: ReturnType<typeof runCounts>,
  ): Promise<RunSummary> {
    await this.runs.update(run.id, { status, error, finishedAt: () => 'now()', ...counts });
    return toRunSummary(await this.runs.findOneByOrFail({ id: run.id }));
  }

  /** Records a failure; if even that fails (database gone), answers from memory. */
  private async finishSafely(run: EtlRun, status: 'failed', message: string): Promise<RunOutcome> {
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
    taken: Submission[],
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

  /** Analysts' target changes, from the targets feature when the application has it. */
  private async targetOverrides(): Promise<TargetOverrideInput[]> {
    const source = findOverridesSource(this.moduleRef);
    return source ? source.overridesForBuild() : [];
  }

  private async removeLeftoverFiles(): Promise<void> {
    const submissionsFolder = dataPath(this.config.dataDir, 'submissions');
    if (existsSync(submissionsFolder)) {
      for (const name of await readdir(submissionsFolder)) {
        if (name.endsWith('.pending.parquet')) await rm(join(submissionsFolder, name), { force: true });
      }
    }
    const folder = dataPath(this.config.dataDir, 'snapshots');
    if (!existsSync(folder)) return;
    const rows = await this.dataSource.query('select id from snapshot');
    const known = new Set((rows as { id: string }[]).map((row) => row.id));
    for (const name of await readdir(folder)) {
      const building = name.includes('.building');
      const id = name.split('.')[0] ?? '';
      if (building || !known.has(id)) await rm(join(folder, name), { force: true, recursive: true });
    }
  }
}

/** What a source of target overrides offers (the targets feature's service). */
interface OverridesSource {
  overridesForBuild(): Promise<TargetOverrideInput[]>;
}

export const TARGET_OVERRIDES_SOURCE = 'oscp:target-overrides-source';

function findOverridesSource(moduleRef: ModuleRef): OverridesSource | null {
  try {
    return moduleRef.get<OverridesSource>(TARGET_OVERRIDES_SOURCE, { strict: false });
  } catch {
    return null;
  }
}

function contentKey(sha256: string, fileName: string): string {
  return `${sha256}${extname(fileName).toLowerCase()}`;
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

function runCounts(taken: Submission[]): {
  filesAccepted: number;
  filesRejected: number;
  rowsQuarantined: number;
} {
  return {
    filesAccepted: taken.filter((row) => row.status === 'accepted').length,
    filesRejected: taken.filter((row) => row.status === 'rejected').length,
    rowsQuarantined: taken.reduce((sum, row) => sum + row.rowsQuarantined, 0),
  };
}

function toAcceptedSubmission(row: Submission, dataDir: string): AcceptedSubmission {
  if (!row.parquetPath)
    throw new RunFailure(`The accepted file ${row.fileName} has no stored rows; load it again.`);
  const parquetPath = isAbsolute(row.parquetPath) ? row.parquetPath : join(dataDir, row.parquetPath);
  if (!existsSync(parquetPath)) {
    throw new RunFailure(
      `The stored rows of ${row.fileName} are missing from the data folder (${row.parquetPath}). The published snapshot stands.`,
    );
  }
  return {
    submissionId: row.id,
    dataset: row.dataset as Dataset,
    fileName: row.fileName,
    extractDate: row.extractDate,
    parquetPath,
  };
}

/** Partner returns may carry the agency as the file-name suffix (`partner_returns_20250401_police.csv`). */
function agencyOf(file: InboxFile): string | null {
  if (file.dataset !== 'partner_returns') return null;
  const match = /_\d{8}_([A-Za-z]+)\.[a-z]+$/i.exec(file.fileName);
  return match?.[1] ? match[1].toUpperCase() : null;
}

function inboxProblemFinding(problem: InboxProblem): Finding {
  return {
    kind: 'warning',
    dataset: 'inbox',
    fileName: problem.fileName,
    line: null,
    column: null,
    value: null,
    rule: 'inbox_layout',
    message: problem.message,
  };
}

async function removeSnapshotFiles(outPath: string): Promise<void> {
  for (const path of [outPath, `${outPath}.wal`, `${outPath}.building`, `${outPath}.building.wal`])
    await rm(path, { force: true });
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = (message.split('\n')[0] ?? message).trim();
  return /[.!?]$/.test(line) ? line : `${line}.`;
}

function plainFailure(error: unknown): string {
  return `The run stopped: ${firstLine(error)} Nothing was published; the published snapshot stands.`;
}
