import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { QuarterSource, RunSummary } from '@oscp/contracts';
import { sha256File, type AcceptedSubmission, type Dataset, type Finding } from '@oscp/etl';
import type { TargetOverrideInput } from '@oscp/scorecard';
import { DataSource, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ChangeNotices } from '../database/change-notices';
import { loggableError } from '../http/loggable-error';
import { dataPath, storedPath } from './data-folders';
import { EtlIsolation } from './etl-isolation';
import { EtlRunEntity } from './etl-run.entity';
import { RunFailure, firstLine } from './run-failure';
import { toRunSummary } from './run-views';
import { SnapshotEntity } from './snapshot.entity';
import { makePrivate } from './raw-file-retention';
import { SnapshotRetention } from './snapshot-retention';
import { SnapshotStore } from './snapshot-store';
import { SubmissionEntity } from './submission.entity';
import { ValidationRecorder, type FindingSequence } from './validation-recorder';

/** What a run's files gave: the run record's counts. */
export interface RunCounts {
  filesAccepted: number;
  filesRejected: number;
  rowsQuarantined: number;
}

export interface BuildRequest {
  run: EtlRunEntity;
  /** Every accepted submission, oldest extract first. */
  accepted: SubmissionEntity[];
  overrides: TargetOverrideInput[];
  /** Each agency's partner-return due days, where they differ from 20. */
  returnDueWorkingDays?: Record<string, number>;
  /** The SHA-256 of the inputs, recorded with the snapshot. */
  inputsSha256: string;
  counts: RunCounts;
  sequence: FindingSequence;
}

export interface PublishedSnapshot {
  snapshotId: string;
  run: RunSummary;
  /** Findings of the checks across datasets (recorded with the run). */
  crossFileFindings: Finding[];
}

/**
 * Build and publish: builds a new snapshot from every accepted submission, runs its data tests,
 * and makes it the published one in one transaction, or removes it and says why. The previous
 * snapshot keeps serving until then.
 */
@Injectable()
export class SnapshotPublisher {
  private readonly logger = new Logger(SnapshotPublisher.name);

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly recorder: ValidationRecorder,
    private readonly retention: SnapshotRetention,
    private readonly store: SnapshotStore,
    private readonly isolation: EtlIsolation,
    private readonly notices: ChangeNotices,
    @InjectRepository(EtlRunEntity) private readonly runs: Repository<EtlRunEntity>,
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
    @InjectRepository(SnapshotEntity) private readonly snapshots: Repository<SnapshotEntity>,
  ) {}

  /**
   * Whether the published snapshot was built from exactly these inputs (the same accepted
   * submissions, targets, LA and run date) and its file can still be read unchanged: a missing or
   * damaged one is rebuilt from the same inputs. Snapshots from before fingerprints were recorded
   * count as complete when no submission was accepted after them.
   */
  async publishedIsBuiltFrom(inputsSha256: string): Promise<boolean> {
    const current = await this.snapshots.findOne({ where: { isCurrent: true } });
    if (!current) return false;
    const ref = await this.store.current();
    if (ref === null || !(await this.store.check(ref)).usable) return false;
    if (current.inputsSha256 !== null) return current.inputsSha256 === inputsSha256;
    const later = await this.submissions
      .createQueryBuilder('s')
      .where(`s.status = 'accepted'`)
      .andWhere('s.created_at > :at', { at: current.createdAt })
      .getCount();
    return later === 0;
  }

  /** Throws `RunFailure` (nothing published) when the build or its data tests fail. */
  async buildAndPublish(request: BuildRequest): Promise<PublishedSnapshot> {
    const { run, accepted, counts, sequence } = request;
    const dataDir = this.config.dataDir;
    const snapshotId = randomUUID();
    const snapshotFile = storedPath('snapshots', `${snapshotId}.duckdb`);
    const outPath = join(dataDir, snapshotFile);
    // In a child process with its own memory and time limits, off the API's event loop.
    const built = await this.isolation
      .build({
        snapshotId,
        outPath,
        submissions: accepted.map((row) => toAcceptedSubmission(row, dataDir)),
        runDate: run.runDate,
        laCode: this.config.laCode,
        overrides: request.overrides,
        rejectedFilesByDataset: await this.rejectedFilesByDataset(run.id),
        returnDueWorkingDays: request.returnDueWorkingDays,
      })
      .catch(async (error: unknown) => {
        await removeSnapshotFiles(outPath);
        throw new RunFailure(
          `The warehouse could not be built: ${firstLine(error)} The published snapshot stands.`,
        );
      });

    const bySubmissionFile = new Map(accepted.map((row) => [`${row.dataset}\u0000${row.fileName}`, row.id]));
    const crossFile = built.findings;
    for (const finding of crossFile) {
      await this.recorder.recordFindings(
        this.dataSource.manager,
        run.id,
        bySubmissionFile.get(`${finding.dataset}\u0000${finding.fileName}`) ?? null,
        [finding],
        sequence,
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
      await this.runs.update(run.id, totals);
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
        inputsSha256: request.inputsSha256,
        sourcesByQuarter: built.sourcesByQuarter,
        // Taken once the file is final; checked whenever the API opens it.
        fileSha256: await makePrivate(outPath).then(() => sha256File(outPath)),
      },
      totals,
    ).catch(async (error: unknown) => {
      await removeSnapshotFiles(outPath);
      throw error;
    });
    this.logger.log({ runId: run.id, snapshotId }, 'ETL run published a snapshot');
    await this.retention
      .apply()
      .catch((error: unknown) => this.logger.error(loggableError(error), 'Snapshot retention failed'));
    return { snapshotId, run: summary, crossFileFindings: crossFile };
  }

  /** Files this run rejected, per dataset: recorded in the snapshot's data quality. */
  private async rejectedFilesByDataset(runId: string): Promise<Record<string, number>> {
    const rows = await this.submissions
      .createQueryBuilder('s')
      .select('s.dataset', 'dataset')
      .addSelect('count(*)::integer', 'files')
      .where(`s.status = 'rejected'`)
      .andWhere('s.run_id = :runId', { runId })
      .groupBy('s.dataset')
      .getRawMany<{ dataset: string; files: number }>();
    return Object.fromEntries(rows.map((row) => [row.dataset, Number(row.files)]));
  }

  /** Start-up clean-up: half-built snapshot files, and files of snapshots never recorded. */
  async removeLeftoverSnapshots(): Promise<void> {
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

  /** The new snapshot becomes the current one, and the run published, in one transaction. */
  private async publish(
    run: EtlRunEntity,
    snapshot: {
      id: string;
      path: string;
      periods: string[];
      defaultPeriod: string | null;
      inputsSha256: string;
      sourcesByQuarter: QuarterSource[];
      fileSha256: string;
    },
    counts: RunCounts,
  ): Promise<RunSummary> {
    const finished = await this.dataSource.transaction(async (manager) => {
      await manager.insert(SnapshotEntity, {
        id: snapshot.id,
        runId: run.id,
        path: snapshot.path,
        runDate: run.runDate,
        periods: snapshot.periods,
        defaultPeriod: snapshot.defaultPeriod,
        inputsSha256: snapshot.inputsSha256,
        fileSha256: snapshot.fileSha256,
        isCurrent: false,
      });
      await manager.query('update snapshot set is_current = false where is_current');
      await manager.query('update snapshot set is_current = true, published_at = now() where id = $1', [
        snapshot.id,
      ]);
      await manager.update(EtlRunEntity, run.id, {
        status: 'published',
        snapshotId: snapshot.id,
        finishedAt: () => 'now()',
        error: null,
        sourcesByQuarter: snapshot.sourcesByQuarter,
        ...counts,
      });
      return manager.findOneByOrFail(EtlRunEntity, { id: run.id });
    });
    // Committed: every process serves the new snapshot from the next request on.
    await this.notices.announce('serving', snapshot.id);
    return toRunSummary(finished);
  }
}

function toAcceptedSubmission(row: SubmissionEntity, dataDir: string): AcceptedSubmission {
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

async function removeSnapshotFiles(outPath: string): Promise<void> {
  for (const path of [outPath, `${outPath}.wal`, `${outPath}.building`, `${outPath}.building.wal`])
    await rm(path, { force: true });
}
