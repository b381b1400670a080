import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { SnapshotSummary } from '@oscp/contracts';
import type { Warehouse } from '@oscp/warehouse';
import { SnapshotStore, type ServingState, type SnapshotRef } from '../pipeline/snapshot-store';
import { SnapshotAccess, type ServedSnapshot } from './snapshot-access';

/** `SnapshotAccess` over the pipeline's `SnapshotStore` and its shared read-only pool. */
@Injectable()
export class SnapshotStoreAccess extends SnapshotAccess {
  constructor(private readonly store: SnapshotStore) {
    super();
  }

  find(id?: string): Promise<ServedSnapshot | null> {
    return id === undefined ? this.store.serving().then(servedOf) : this.byId(id);
  }

  private async byId(id: string): Promise<ServedSnapshot | null> {
    const ref = await this.store.byId(id);
    if (!ref || ref.publishedAt === null) return null;
    const checked = await this.store.check(ref);
    if (!checked.usable)
      throw new ServiceUnavailableException(
        `Snapshot ${ref.id} cannot be read (${checked.reason}). Choose another snapshot.`,
      );
    return toServed(ref, null);
  }

  use<T>(snapshot: ServedSnapshot, work: (warehouse: Warehouse) => Promise<T>): Promise<T> {
    return this.store.pool.use(snapshot.path, work);
  }

  async list(page: { limit: number; offset: number }): Promise<{ items: SnapshotSummary[]; total: number }> {
    const all = await this.store.list();
    return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
  }
}

/** The snapshot served as current, or null before the first publish; a 503 when none can be read. */
function servedOf(serving: ServingState): ServedSnapshot | null {
  if (serving.state === 'empty') return null;
  if (serving.state === 'error')
    throw new ServiceUnavailableException(
      `The published figures cannot be read (${serving.reason}) and no earlier snapshot can stand in. An analyst can start a new run to rebuild them.`,
    );
  const notice =
    serving.state === 'degraded'
      ? `These are the figures of an earlier snapshot, loaded ${formatWhen(serving.snapshot)}: the latest published snapshot cannot be read (${serving.reason}). The next run rebuilds it.`
      : null;
  return toServed(serving.snapshot, notice);
}

function toServed(ref: SnapshotRef, notice: string | null): ServedSnapshot {
  return { id: ref.id, runId: ref.runId, path: ref.path, current: ref.current, notice };
}

function formatWhen(ref: SnapshotRef): string {
  return (ref.publishedAt ?? ref.createdAt).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}
