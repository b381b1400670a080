import { rm } from 'node:fs/promises';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { SnapshotEntity } from './snapshot.entity';
import { SnapshotStore } from './snapshot-store';

/**
 * Keeps the newest `OSCP_SNAPSHOTS_KEEP` published snapshots, the current one, every one a
 * quarter sign-off in force refers to, every one an exception report was drafted from, and every
 * pinned one (a recorded export); deletes the others' files after closing them in the read-only
 * pool. Rows stay, marked removed.
 */
@Injectable()
export class SnapshotRetention {
  private readonly logger = new Logger(SnapshotRetention.name);

  constructor(
    private readonly config: AppConfig,
    private readonly store: SnapshotStore,
    @InjectRepository(SnapshotEntity) private readonly snapshots: Repository<SnapshotEntity>,
  ) {}

  /** Returns the ids whose files were removed. */
  async apply(): Promise<string[]> {
    const kept = await this.snapshots.find({
      where: { removedAt: IsNull(), publishedAt: Not(IsNull()) },
      order: { createdAt: 'DESC' },
    });
    const referenced = await this.referencedSnapshotIds();
    const removable = kept
      .slice(this.config.snapshotsKeep)
      .filter((row) => !row.pinned && !row.isCurrent && !referenced.has(row.id));
    const removed: string[] = [];
    for (const row of removable) {
      const path = this.store.resolvePath(row.path);
      await this.store.pool.release(path);
      await rm(path, { force: true });
      await rm(`${path}.wal`, { force: true });
      await this.snapshots.update(row.id, { removedAt: () => 'now()' });
      removed.push(row.id);
    }
    if (removed.length > 0) this.logger.log({ removed: removed.length }, 'Removed old snapshots');
    return removed;
  }

  /**
   * Snapshots a sign-off in force refers to (kept while it stands: a withdrawal releases them),
   * and those an exception report's frozen evidence was taken from (kept while the report exists),
   * so that the figures a report answers for can always be looked at again.
   */
  private async referencedSnapshotIds(): Promise<Set<string>> {
    const rows: { snapshot_id: string | null }[] = await this.snapshots.query(
      `select snapshot_id::text as snapshot_id from quarter_signoff where withdrawn_at is null
       union
       select evidence->>'snapshotId' as snapshot_id from exception_report`,
    );
    return new Set(rows.flatMap((row) => (row.snapshot_id ? [row.snapshot_id] : [])));
  }
}
