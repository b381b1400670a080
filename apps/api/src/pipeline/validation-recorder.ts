import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  loadOrCreateChildIdKey,
  RECORD_LEVEL_DATASETS,
  type Finding,
  type InboxFile,
  type InboxProblem,
} from '@oscp/etl';
import { machineMemoryLimit, Warehouse } from '@oscp/warehouse';
import { DataSource, Repository, type EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataPath, storedPath } from './data-folders';
import { EtlIsolation } from './etl-isolation';
import { makePrivate, RawFileRetention } from './raw-file-retention';
import type { IncomingFile } from './inbox-intake';
import { QualityFindingEntity } from './quality-finding.entity';
import { SubmissionEntity } from './submission.entity';

const FINDINGS_PER_INSERT = 500;
/** The names the upload service gives files in the inbox (`<dataset>_<YYYYMMDD>_upload<n>.<ext>`). */
const UPLOADED_FILE = /_\d{8}_upload\d+\.[a-z]+$/i;

/** Who uploaded a file and what they called it (shown, never used as a path). */
export interface UploadDetails {
  originalFileName: string;
  uploadedById: string;
  uploadedBy: string;
}

function uploadFields(upload: UploadDetails | null): Partial<SubmissionEntity> {
  return upload
    ? {
        originalFileName: upload.originalFileName,
        uploadedById: upload.uploadedById,
        uploadedBy: upload.uploadedBy,
      }
    : {};
}

/** Numbers a run's findings in the order they were found (the order the run page lists them). */
export class FindingSequence {
  private last = 0;

  next(): number {
    this.last += 1;
    return this.last;
  }
}

/**
 * Validation recording: validates one new file against its dataset contract, keeps its accepted
 * rows as Parquet, and records the submission and its findings in one transaction.
 */
@Injectable()
export class ValidationRecorder {
  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly isolation: EtlIsolation,
    private readonly retention: RawFileRetention,
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
  ) {}

  /** Starts the process that checks files (if it is not running), without waiting for it. */
  prepareChecks(): void {
    this.isolation.prepare();
  }

  /** Checks sent ahead of the run (by the command line) are wanted for these files only. */
  keepChecksOf(incoming: readonly IncomingFile[]): void {
    this.isolation.keepChecksOf(new Set(incoming.map((file) => file.file.path)));
  }

  /** Validates the archived copy (`kept`) of a new file and records the outcome. */
  async validateAndRecord(
    runId: string,
    submissionId: string,
    incoming: IncomingFile,
    kept: string,
    sequence: FindingSequence,
    upload: UploadDetails | null = null,
  ): Promise<SubmissionEntity> {
    const { file, sha256 } = incoming;
    const dataDir = this.config.dataDir;
    const census = file.dataset === 'cin_census';
    const parquet = storedPath('submissions', `${sha256}.parquet`);
    // Written beside its final name and moved there only when accepted, so a rejected file never
    // touches the stored rows of an accepted one with the same bytes.
    const pending = dataPath(dataDir, 'submissions', `${sha256}.${submissionId}.pending.parquet`);
    // In a child process: a huge or hostile file cannot block the API or exhaust its memory.
    const result = await this.isolation.validate(
      {
        path: kept,
        fileName: file.fileName,
        dataset: file.dataset,
        extractDate: file.extractDate,
        format: file.format,
        outputPath: pending,
        rejectThresholdPct: this.config.rejectThresholdPct,
        // The census's LAchildID is pseudonymised with the data folder's key (made on first use).
        childIdKey: census ? await loadOrCreateChildIdKey(dataDir) : undefined,
      },
      sha256,
      file.path,
    );
    // An uploaded census was put in the inbox by this service: once read, it goes.
    if (census && UPLOADED_FILE.test(file.fileName)) await rm(file.path, { force: true });
    if (result.status === 'accepted') {
      await rename(pending, join(dataDir, parquet));
      await makePrivate(join(dataDir, parquet));
    } else await rm(pending, { force: true });
    // A file with a personal-data column is not kept a moment longer: its finding and hash stay.
    const personalData = result.findings.some((finding) => finding.rule === 'personal_data_column');
    const agency =
      result.status === 'accepted'
        ? await agencyOfRows(file.dataset, join(dataDir, parquet), agencyOf(file))
        : agencyOf(file);
    const row = this.submissionRow(submissionId, runId, incoming, {
      status: result.status,
      reason: result.reason,
      parquetPath: result.status === 'accepted' ? parquet : null,
      rowsRead: result.rowsRead,
      rowsAccepted: result.rowsAccepted,
      rowsQuarantined: result.rowsQuarantined,
      recordCounts: result.recordCounts ?? null,
      agency,
      ...uploadFields(upload),
    });
    const saved = await this.dataSource.transaction(async (manager) => {
      const stored = await manager.save(SubmissionEntity, row);
      await this.recordFindings(manager, runId, stored.id, result.findings, sequence);
      return stored;
    });
    if (personalData && result.status === 'rejected') await this.retention.remove(saved, incoming.file.path);
    return saved;
  }

  /** Records a new file whose bytes an accepted submission already holds; it is not loaded again. */
  async recordDuplicate(
    runId: string,
    submissionId: string,
    incoming: IncomingFile,
    duplicateOf: string,
    upload: UploadDetails | null = null,
  ): Promise<SubmissionEntity> {
    return this.submissions.save(
      this.submissionRow(submissionId, runId, incoming, {
        status: 'skipped_duplicate',
        reason: `${incoming.file.fileName} has the same content as ${duplicateOf}, which is already loaded.`,
        ...uploadFields(upload),
      }),
    );
  }

  /** Inbox entries that do not follow the naming rule, as warnings of the run. */
  async recordInboxProblems(
    runId: string,
    problems: InboxProblem[],
    sequence: FindingSequence,
  ): Promise<void> {
    if (problems.length === 0) return;
    await this.recordFindings(
      this.dataSource.manager,
      runId,
      null,
      problems.map(inboxProblemFinding),
      sequence,
    );
  }

  async recordFindings(
    manager: EntityManager,
    runId: string,
    submissionId: string | null,
    findings: readonly Finding[],
    sequence: FindingSequence,
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
        seq: sequence.next(),
      }));
      await manager.createQueryBuilder().insert().into(QualityFindingEntity).values(chunk).execute();
    }
  }

  private submissionRow(
    id: string,
    runId: string,
    incoming: IncomingFile,
    fields: Partial<SubmissionEntity>,
  ): SubmissionEntity {
    const { file, inboxPath, sha256, size, modifiedMs } = incoming;
    return this.submissions.create({
      id,
      runId,
      dataset: file.dataset,
      fileName: file.fileName,
      inboxPath,
      agency: agencyOf(file),
      extractDate: file.extractDate,
      sha256,
      fileSize: size,
      fileModifiedMs: modifiedMs,
      parquetPath: null,
      rowsRead: 0,
      rowsAccepted: 0,
      rowsQuarantined: 0,
      reason: null,
      recordCounts: null,
      ...fields,
    });
  }
}

/**
 * The agency a file is for: record-level extracts belong to the agency that keeps them
 * (children's social care, early help); partner returns may carry the agency as the file-name
 * suffix (`partner_returns_20250401_police.csv`), else their rows' agency column says.
 */
function agencyOf(file: InboxFile): string | null {
  if (file.dataset === 'early_help') return 'EARLY_HELP';
  if (RECORD_LEVEL_CSC_DATASETS.has(file.dataset)) return 'CSC';
  if (file.dataset !== 'partner_returns') return null;
  const match = /_\d{8}_([A-Za-z]+)\.[a-z]+$/i.exec(file.fileName);
  return match?.[1] ? match[1].toUpperCase() : null;
}

/** Every record-level dataset but early help is children's social care's. */
const RECORD_LEVEL_CSC_DATASETS: ReadonlySet<string> = new Set(
  RECORD_LEVEL_DATASETS.filter((dataset) => dataset !== 'early_help'),
);

/** A partner-return file without an agency in its name is for the one agency its rows name (null if several). */
async function agencyOfRows(
  dataset: string,
  parquetPath: string,
  fromName: string | null,
): Promise<string | null> {
  if (dataset !== 'partner_returns' || fromName !== null) return fromName;
  // Limited and spilling as a file's check is (a return file is small: it never spills in practice).
  const spillPath = `${parquetPath}.tmp`;
  const warehouse = await Warehouse.open({
    path: ':memory:',
    memoryLimit: machineMemoryLimit(0.1),
    tempDirectory: spillPath,
  });
  try {
    const rows = await warehouse.all<{ agency: string }>(
      `select distinct upper(trim(agency)) as agency from read_parquet($path) where agency is not null`,
      { path: parquetPath },
    );
    return rows.length === 1 && rows[0] ? rows[0].agency : null;
  } finally {
    warehouse.close();
    await rm(spillPath, { recursive: true, force: true });
  }
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
