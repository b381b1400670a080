import type { SnapshotSummary } from '@oscp/contracts';
import type { Warehouse } from '@oscp/warehouse';

/** A published snapshot file the scorecard routes may read. */
export interface ServedSnapshot {
  id: string;
  /** Absolute path of the DuckDB file. */
  path: string;
  current: boolean;
}

/**
 * What the scorecard routes need from the pipeline's snapshot store: which snapshot is
 * published, where an older one is, and the shared read-only pool. Kept narrow so the
 * services here can be tested against real snapshot files without the pipeline.
 */
export abstract class SnapshotAccess {
  /** The current published snapshot when `id` is undefined; null when there is none (or no such id). */
  abstract find(id?: string): Promise<ServedSnapshot | null>;

  /** Runs `work` on the snapshot's read-only warehouse from the shared pool. */
  abstract use<T>(snapshot: ServedSnapshot, work: (warehouse: Warehouse) => Promise<T>): Promise<T>;

  /** Published snapshots, newest first. */
  abstract list(page: { limit: number; offset: number }): Promise<{ items: SnapshotSummary[]; total: number }>;
}
