import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { SnapshotSummary } from '@oscp/contracts';
import { machineMemoryLimit, ReadOnlyWarehousePool, type Warehouse } from '@oscp/warehouse';
import { IsNull, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
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
}

/**
 * Which snapshot is published, where its file is, and the one read-only DuckDB pool every
 * reader shares (one instance per file per process, as DuckDB requires).
 */
@Injectable()
export class SnapshotStore implements OnApplicationShutdown {
  // A tenth of the machine per open snapshot, not DuckDB's default 80% each (a few snapshots may
  // be open at once); a read-only file spills beside itself, in the data folder.
  readonly pool = new ReadOnlyWarehousePool({ threads: 2, memoryLimit: machineMemoryLimit(0.1) });

  constructor(
    @InjectRepository(SnapshotEntity) private readonly snapshots: Repository<SnapshotEntity>,
    private readonly config: AppConfig,
  ) {}

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
    return rows
      .filter((row) => row.publishedAt !== null)
      .map((row) => ({
        id: row.id,
        runId: row.runId,
        createdAt: row.createdAt.toISOString(),
        publishedAt: row.publishedAt?.toISOString() ?? null,
        current: row.isCurrent,
        runDate: row.runDate,
        periods: row.periods,
      }));
  }

  /** Runs `work` on a snapshot's read-only warehouse (requests on one file are serialised). */
  use<T>(snapshot: SnapshotRef, work: (warehouse: Warehouse) => Promise<T>): Promise<T> {
    return this.pool.use(snapshot.path, work);
  }

  /** Whether the current snapshot's file is there to be read. */
  async warehouseState(): Promise<'ok' | 'empty' | 'error'> {
    const current = await this.current();
    if (!current) return 'empty';
    return existsSync(current.path) ? 'ok' : 'error';
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
    };
  }
}
