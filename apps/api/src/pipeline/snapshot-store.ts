import type { Stats } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { SnapshotSummary } from '@oscp/contracts';
import { machineMemoryLimit, ReadOnlyWarehousePool, type Warehouse } from '@oscp/warehouse';
import { sha256File } from '@oscp/etl';
import { IsNull, Not, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ChangeNotices, KEPT_COPY_MAX_AGE_MS, KeptValue } from '../database/change-notices';
import { FileStats } from './file-stats';
import { SnapshotEntity } from './snapshot.entity';

/** A published snapshot, with its file's absolute path. */
export interface SnapshotRef {
  id: string;
  runId: string;
  /** Absolute path of the DuckDB file. */
  path: string;
  createdAt: Date;
  publishedAt: Date | null;
  runDate: string;
  periods: string[];
  defaultPeriod: string | null;
  current: boolean;
  /** SHA-256 of the file when it was published; null for snapshots from before it was recorded. */
  fileSha256: string | null;
}

export type SnapshotCheck = { usable: true } | { usable: false; reason: string };

/** The snapshot the product serves as current, and why it is not the published one when it is not. */
export type ServingState =
  | { state: 'empty' }
  | { state: 'ok'; snapshot: SnapshotRef }
  | { state: 'degraded'; snapshot: SnapshotRef; published: SnapshotRef; reason: string }
  | { state: 'error'; published: SnapshotRef; reason: string };

/**
 * Which snapshot is published, where its file is, and the one read-only DuckDB pool every
 * reader shares (one instance per file per process, as DuckDB requires).
 */
@Injectable()
export class SnapshotStore implements OnApplicationShutdown {
  // A tenth of the machine per open snapshot, not DuckDB's default 80% each (a few snapshots may
  // be open at once); a read-only file spills beside itself, in the data folder.
  readonly pool = new ReadOnlyWarehousePool({ threads: 2, memoryLimit: machineMemoryLimit(0.1) });
  /** Checks already made, by path: redone only when the file's size or modification time changes. */
  private readonly checked = new Map<string, { size: number; mtimeMs: number; result: SnapshotCheck }>();
  /** The snapshot files' stats, one `stat` shared by the requests that arrive while one runs. */
  private readonly fileStats = new FileStats();
  /** The published snapshot's record, read once per publish instead of once per request. */
  private readonly published: KeptValue<SnapshotRef | null>;

  constructor(
    @InjectRepository(SnapshotEntity) private readonly snapshots: Repository<SnapshotEntity>,
    private readonly config: AppConfig,
    notices: ChangeNotices,
  ) {
    this.published = new KeptValue(notices, 'serving', KEPT_COPY_MAX_AGE_MS, () => this.current());
  }

  /** The published snapshot the product serves, or null before the first successful run. */
  async current(): Promise<SnapshotRef | null> {
    const snapshot = await this.snapshots.findOne({ where: { isCurrent: true } });
    return snapshot ? this.toRef(snapshot) : null;
  }

  /** A snapshot by id while its file is kept, or null. */
  async byId(id: string): Promise<SnapshotRef | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const snapshot = await this.snapshots.findOne({ where: { id, removedAt: IsNull() } });
    return snapshot ? this.toRef(snapshot) : null;
  }

  /** Published snapshots whose files are kept, newest first. */
  async list(): Promise<SnapshotSummary[]> {
    const rows = await this.snapshots.find({ where: { removedAt: IsNull() }, order: { createdAt: 'DESC' } });
    const runNumbers = await this.runNumbers(rows.map((row) => row.runId));
    return rows
      .filter((row) => row.publishedAt !== null)
      .map((row) => ({
        id: row.id,
        runId: row.runId,
        runNumber: runNumbers.get(row.runId) ?? null,
        createdAt: row.createdAt.toISOString(),
        publishedAt: row.publishedAt?.toISOString() ?? null,
        current: row.isCurrent,
        runDate: row.runDate,
        periods: row.periods,
      }));
  }

  /** Each run's number in the order runs started ("run 12"), for the runs asked about. */
  private async runNumbers(runIds: string[]): Promise<Map<string, number>> {
    if (runIds.length === 0) return new Map();
    const rows: { id: string; n: string | number }[] = await this.snapshots.manager.query(
      `select id::text as id, n from (
         select id, row_number() over (order by started_at, id) as n from etl_run
       ) numbered where id = any($1::uuid[])`,
      [runIds],
    );
    return new Map(rows.map((row) => [row.id, Number(row.n)]));
  }

  /** Runs `work` on a snapshot's read-only warehouse (requests on one file are serialised). */
  use<T>(snapshot: SnapshotRef, work: (warehouse: Warehouse) => Promise<T>): Promise<T> {
    return this.pool.use(snapshot.path, work);
  }

  /**
   * Whether a snapshot's file is there and has the bytes it was published with (its SHA-256;
   * for a snapshot from before checksums, that the file is there). The hash is taken again only
   * when the file's size or modification time changed since the last check.
   */
  check(snapshot: SnapshotRef): Promise<SnapshotCheck> {
    // Runs on every scorecard request: concurrent requests share a `stat`, each answered by one
    // that began after it arrived, so a file changed or removed before a request is noticed by it.
    return this.fileStats.stat(snapshot.path).then((info) => this.checkWith(snapshot, info));
  }

  /** The check of a file with these stats: at once when they are the ones last checked. */
  private checkWith(snapshot: SnapshotRef, info: Stats | undefined): SnapshotCheck | Promise<SnapshotCheck> {
    if (!info) {
      this.checked.delete(snapshot.path);
      return { usable: false, reason: `the file of snapshot ${snapshot.id} is missing` };
    }
    const known = this.checked.get(snapshot.path);
    if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) return known.result;
    return this.checkBytes(snapshot, info);
  }

  private async checkBytes(snapshot: SnapshotRef, info: Stats): Promise<SnapshotCheck> {
    let result: SnapshotCheck = { usable: true };
    if (snapshot.fileSha256 !== null && (await sha256File(snapshot.path)) !== snapshot.fileSha256.trim())
      result = {
        usable: false,
        reason: `the file of snapshot ${snapshot.id} has changed since it was published (its checksum does not match)`,
      };
    this.checked.set(snapshot.path, { size: info.size, mtimeMs: info.mtimeMs, result });
    return result;
  }

  /**
   * What to serve as the current snapshot: the published one when its file checks out, else the
   * newest earlier published snapshot whose file does (degraded), else nothing (error). Which
   * snapshot is published is kept in memory; its file is checked on every call.
   */
  serving(): Promise<ServingState> {
    // The kept record is used at once: one promise fewer on every scorecard request.
    const kept = this.published.keptNow();
    if (kept) return this.servingOf(kept.value);
    return this.published.get().then((published) => this.servingOf(published));
  }

  private servingOf(published: SnapshotRef | null): Promise<ServingState> {
    if (!published) return Promise.resolve({ state: 'empty' });
    return this.check(published).then((checked): ServingState | Promise<ServingState> =>
      checked.usable ? { state: 'ok', snapshot: published } : this.standIn(published, checked.reason),
    );
  }

  /** The newest earlier published snapshot whose file checks out (degraded), else the error. */
  private async standIn(published: SnapshotRef, reason: string): Promise<ServingState> {
    const earlier = await this.snapshots.find({
      where: { removedAt: IsNull(), publishedAt: Not(IsNull()), isCurrent: false },
      order: { publishedAt: 'DESC' },
    });
    for (const row of earlier) {
      const candidate = this.toRef(row);
      if ((await this.check(candidate)).usable)
        return { state: 'degraded', snapshot: candidate, published, reason };
    }
    return { state: 'error', published, reason };
  }

  /** Whether the current snapshot's file is there to be read unchanged; `degraded` when an earlier one stands in. */
  async warehouseState(): Promise<'ok' | 'empty' | 'degraded' | 'error'> {
    return (await this.serving()).state;
  }

  /** The absolute path of a snapshot file stored relative to the data folder. */
  resolvePath(storedPath: string): string {
    return isAbsolute(storedPath) ? storedPath : join(this.config.dataDir, storedPath);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.closeAll();
  }

  private toRef(snapshot: SnapshotEntity): SnapshotRef {
    return {
      id: snapshot.id,
      runId: snapshot.runId,
      path: this.resolvePath(snapshot.path),
      createdAt: snapshot.createdAt,
      publishedAt: snapshot.publishedAt,
      runDate: snapshot.runDate,
      periods: snapshot.periods,
      defaultPeriod: snapshot.defaultPeriod,
      current: snapshot.isCurrent,
      fileSha256: snapshot.fileSha256,
    };
  }
}
