import { chmod, rm, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { sha256File } from '@oscp/etl';
import { IsNull, LessThan, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataPath } from './data-folders';
import { SubmissionEntity } from './submission.entity';

/** Raw files and the folders that hold them are the service user's alone. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Raw extracts hold more than the product needs (every column, every row as sent): they are kept
 * only `OSCP_RAW_RETENTION_DAYS` after intake, then deleted (the inbox file, if it still has the
 * same bytes, and the stored copy in `submissions/`). The validated rows (Parquet), the findings
 * and the file's SHA-256 stay. A file rejected for a personal-data column is deleted at once.
 */
@Injectable()
export class RawFileRetention {
  private readonly logger = new Logger(RawFileRetention.name);

  constructor(
    private readonly config: AppConfig,
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
  ) {}

  /** Deletes the raw files of submissions taken in more than the retention period ago. */
  async apply(inboxDir: string, now: Date = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.config.rawRetentionDays * DAY_MS);
    const expired = await this.submissions.find({
      where: { rawRemovedAt: IsNull(), createdAt: LessThan(before) },
    });
    for (const submission of expired) await this.remove(submission, join(inboxDir, submission.inboxPath));
    if (expired.length > 0) this.logger.log({ files: expired.length }, 'Deleted raw files past retention');
    return expired.length;
  }

  /** Deletes one submission's raw files now (inbox copy only if it still holds the same bytes). */
  async remove(submission: SubmissionEntity, inboxFile: string): Promise<void> {
    if (await holds(inboxFile, submission.sha256)) await rm(inboxFile, { force: true });
    const extension = extname(submission.fileName).toLowerCase();
    await rm(dataPath(this.config.dataDir, 'submissions', `${submission.sha256}${extension}`), {
      force: true,
    });
    await this.submissions.update(submission.id, { rawRemovedAt: new Date() });
  }
}

/** Whether `path` is a file with this SHA-256 (a newer file at the same path is left alone). */
async function holds(path: string, sha256: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    return (await sha256File(path)) === sha256.trim();
  } catch {
    return false;
  }
}

/** Makes a file the service user's alone; a file that is gone is no error. */
export async function makePrivate(path: string, mode: number = PRIVATE_FILE_MODE): Promise<void> {
  await chmod(path, mode).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  });
}
