import type { DataQualityNote, SnapshotSummary } from '@oscp/contracts';
import type { Warehouse } from '@oscp/warehouse';

/** A published snapshot file the scorecard routes may read. */
export interface ServedSnapshot {
  id: string;
  /** The ETL run that built it. */
  runId: string;
  /** Absolute path of the DuckDB file. */
  path: string;
  current: boolean;
  /**
   * Set when this is not the published snapshot but the newest earlier one standing in for it,
   * because the published one's file is missing or damaged: a sentence to show as a banner.
   */
  notice: string | null;
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
  abstract list(page: {
    limit: number;
    offset: number;
  }): Promise<{ items: SnapshotSummary[]; total: number }>;
}

/**
 * Data quality of the files a snapshot was built from, as the runs recorded them in PostgreSQL:
 * rows the validator quarantined in every accepted file up to the snapshot's run, and files the
 * snapshot's own run rejected. (Rows quarantined by cross-file checks during the build are in
 * the snapshot's `data_quality` table.)
 */
export abstract class RunDataQuality {
  abstract forSnapshot(snapshot: ServedSnapshot): Promise<DataQualityNote[]>;
}
