import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  discoverInbox,
  isCheckOutputOrWork,
  removeLeftoverCheckAheadFolders,
  sha256File,
  type InboxFile,
  type InboxProblem,
} from '@oscp/etl';
import { Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataPath } from './data-folders';
import { makePrivate, PRIVATE_FOLDER_MODE } from './raw-file-retention';
import { SubmissionEntity } from './submission.entity';

/** A file being copied into the data folder (`archive`); start-up removes one a stopped run left. */
const COPYING_SUFFIX = '.copying';
/** A file's check writes its rows here until the run takes them (validation-recorder.ts). */
const PENDING_OUTPUT = /^.*\.pending\.parquet/;
/** A file kept by `archive`: its SHA-256 and its extension. */
const KEPT_COPY = /^([0-9a-f]{64})(?:\.[a-z0-9]+)?$/;

/** An inbox file not taken in before, with its place in the inbox and its content's SHA-256. */
export interface IncomingFile {
  file: InboxFile;
  /** Path inside the inbox, `/`-separated. */
  inboxPath: string;
  sha256: string;
  /** Size in bytes and modification time (ms since the epoch) when it was read. */
  size: number;
  modifiedMs: number;
}

export interface InboxScan {
  incoming: IncomingFile[];
  /** Files seen in an earlier run, left alone. */
  filesAlreadyLoaded: number;
  /** Inbox entries that do not follow the naming rule. */
  problems: InboxProblem[];
  /** Accepted files by content; the run adds each file it accepts, so later copies are duplicates. */
  acceptedFiles: AcceptedContent;
}

/** Accepted submissions' file names by content (same bytes, same format). */
export class AcceptedContent {
  private readonly byContent = new Map<string, string>();

  /** The accepted file with these bytes in this format, if any. */
  duplicateOf(sha256: string, fileName: string): string | undefined {
    return this.byContent.get(contentKey(sha256, fileName));
  }

  add(sha256: string, fileName: string): void {
    this.byContent.set(contentKey(sha256, fileName), fileName);
  }
}

/**
 * Intake: finds the inbox's files, tells new ones from those already taken in, and keeps a copy
 * of each new file in the data folder under its SHA-256. A file at a path already taken in with
 * the same size and modification time is not read at all; any other file is hashed, and is new
 * unless a submission at that path has the same SHA-256. So a run reads only new or changed
 * files, however long the inbox's history.
 */
@Injectable()
export class InboxIntake {
  constructor(
    private readonly config: AppConfig,
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
  ) {}

  /** The inbox and the data folder's working folders, created if missing. */
  async prepareFolders(inboxDir: string): Promise<void> {
    const dataDir = this.config.dataDir;
    const folders = [inboxDir, dataPath(dataDir, 'submissions'), dataPath(dataDir, 'snapshots')];
    // The service user's alone (0700): they hold extracts and the warehouse.
    await Promise.all(folders.map((folder) => mkdir(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE })));
    await Promise.all(folders.map((folder) => makePrivate(folder, PRIVATE_FOLDER_MODE)));
  }

  async scan(inboxDir: string): Promise<InboxScan> {
    const listing = await discoverInbox(inboxDir);
    const known = await this.submissions.find({
      select: {
        id: true,
        sha256: true,
        inboxPath: true,
        status: true,
        fileName: true,
        fileSize: true,
        fileModifiedMs: true,
      },
    });
    const unchanged = new Set<string>();
    /** Submission ids by path and content. */
    const byPathAndContent = new Map<string, string>();
    const acceptedFiles = new AcceptedContent();
    for (const row of known) {
      if (row.fileSize !== null && row.fileModifiedMs !== null)
        unchanged.add(statKey(row.inboxPath, row.fileSize, row.fileModifiedMs));
      byPathAndContent.set(`${row.inboxPath}\u0000${row.sha256}`, row.id);
      if (row.status === 'accepted') acceptedFiles.add(row.sha256, row.fileName);
    }
    const incoming: IncomingFile[] = [];
    let filesAlreadyLoaded = 0;
    for (const file of listing.files) {
      const inboxPath = relative(inboxDir, file.path).split(sep).join('/');
      const { size, mtimeMs: modifiedMs } = await stat(file.path);
      if (unchanged.has(statKey(inboxPath, size, modifiedMs))) {
        filesAlreadyLoaded += 1;
        continue;
      }
      const sha256 = await sha256File(file.path);
      const earlier = byPathAndContent.get(`${inboxPath}\u0000${sha256}`);
      if (earlier !== undefined) {
        // Same bytes with a new modification time (copied again, touched): remember it, so the
        // next run need not read it.
        await this.submissions.update(earlier, { fileSize: size, fileModifiedMs: modifiedMs });
        filesAlreadyLoaded += 1;
        continue;
      }
      incoming.push({ file, inboxPath, sha256, size, modifiedMs });
    }
    return { incoming, filesAlreadyLoaded, problems: listing.problems, acceptedFiles };
  }

  /**
   * Copies a new file into the data folder by its SHA-256 (once per content); returns the copy's
   * path. A census XML holds UPNs and birth dates: it is read where it lies and never copied;
   * only its pseudonymised records (the Parquet) are kept.
   */
  async archive(incoming: IncomingFile): Promise<string> {
    if (incoming.file.dataset === 'cin_census') return incoming.file.path;
    const extension = extname(incoming.file.fileName).toLowerCase();
    const kept = dataPath(this.config.dataDir, 'submissions', `${incoming.sha256}${extension}`);
    if (!existsSync(kept)) {
      // Copied beside its name and renamed: a copy cut short (a run killed meanwhile) never stands
      // as the file, which a later run would otherwise take as already kept.
      const copying = `${kept}${COPYING_SUFFIX}`;
      await copyFile(incoming.file.path, copying);
      // copyFile keeps the source's mode; the stored copy is the service user's alone.
      await makePrivate(copying);
      await rename(copying, kept);
    }
    return kept;
  }

  /**
   * Start-up clean-up, while no run holds the lock: Parquet and copies left half-written by a
   * stopped run, its checks sent ahead, and any kept copy that no submission records (a run
   * stopped between copying a file, or the next one ahead, and recording it). Raw extracts are
   * kept only while a submission accounts for them, so that `RawFileRetention` can delete them.
   */
  async removePendingFiles(): Promise<void> {
    const folder = dataPath(this.config.dataDir, 'submissions');
    if (!existsSync(folder)) return;
    const names = await readdir(folder);
    const recorded = new Set(
      (await this.submissions.find({ select: { sha256: true } })).map((row) => row.sha256.trim()),
    );
    for (const name of names) {
      const keptSha256 = KEPT_COPY.exec(name)?.[1];
      const unrecorded = keptSha256 !== undefined && !recorded.has(keptSha256);
      // A check's output not yet taken, or what a check stopped mid-way left beside it.
      const pendingOutput = PENDING_OUTPUT.exec(name)?.[0];
      const pending = pendingOutput !== undefined && isCheckOutputOrWork(name, pendingOutput);
      if (pending || name.endsWith(COPYING_SUFFIX) || unrecorded)
        await rm(join(folder, name), { recursive: true, force: true });
    }
    await removeLeftoverCheckAheadFolders(folder);
  }
}

function statKey(inboxPath: string, size: number, modifiedMs: number): string {
  return `${inboxPath}\u0000${size}\u0000${modifiedMs}`;
}

/** Same bytes in the same format: a CSV renamed .xlsx is a different (unreadable) submission. */
function contentKey(sha256: string, fileName: string): string {
  return `${sha256}${extname(fileName).toLowerCase()}`;
}

/**
 * Copies into the data folder (`InboxIntake.archive`) started ahead of their file's turn (`start`)
 * and taken when it comes (`take`, which starts the copy if nothing did). A copy that fails fails
 * when it is taken, not before.
 */
export class ArchiveAhead {
  private readonly copies = new Map<IncomingFile, Promise<string>>();

  constructor(private readonly archive: (incoming: IncomingFile) => Promise<string>) {}

  start(incoming: IncomingFile | undefined): void {
    if (incoming === undefined || this.copies.has(incoming)) return;
    const copy = this.archive(incoming);
    // Not reported as unhandled while it waits for its turn: `take` hands the failure on.
    copy.catch(() => undefined);
    this.copies.set(incoming, copy);
  }

  take(incoming: IncomingFile): Promise<string> {
    const copy = this.copies.get(incoming) ?? this.archive(incoming);
    this.copies.delete(incoming);
    return copy;
  }
}
