import { Injectable } from '@nestjs/common';
import type { SnapshotSummary } from '@oscp/contracts';
import type { Warehouse } from '@oscp/warehouse';
import { SnapshotStore } from '../pipeline/snapshot-store';
import { SnapshotAccess, type ServedSnapshot } from './snapshot-access';

/** `SnapshotAccess` over the pipeline's `SnapshotStore` and its shared read-only pool. */
@Injectable()
export class SnapshotStoreAccess extends SnapshotAccess {
  constructor(private readonly store: SnapshotStore) {
    super();
  }

  async find(id?: string): Promise<ServedSnapshot | null> {
    const ref = id === undefined ? await this.store.current() : await this.store.byId(id);
    if (!ref || ref.publishedAt === null) return null;
    return { id: ref.id, runId: ref.runId, path: ref.path, current: ref.current };
  }

  use<T>(snapshot: ServedSnapshot, work: (warehouse: Warehouse) => Promise<T>): Promise<T> {
    return this.store.pool.use(snapshot.path, work);
  }

  async list(page: { limit: number; offset: number }): Promise<{ items: SnapshotSummary[]; total: number }> {
    const all = await this.store.list();
    return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
  }
}
