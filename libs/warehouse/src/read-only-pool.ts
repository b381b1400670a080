import { Warehouse } from './warehouse';

/**
 * Read-only warehouses for serving, one per snapshot file, shared by every request (DuckDB does
 * not guard two instances of one file inside one process, so there must be exactly one).
 * Requests on one snapshot are serialised on its single connection.
 */
export class ReadOnlyWarehousePool {
  private readonly open = new Map<string, Promise<Warehouse>>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly options: { memoryLimit?: string; threads?: number } = {}) {}

  /** Runs `work` on the read-only warehouse of `path`, one call at a time per file. */
  async use<T>(path: string, work: (warehouse: Warehouse) => Promise<T>): Promise<T> {
    const warehouse = await this.get(path);
    const previous = this.queues.get(path) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => work(warehouse));
    this.queues.set(path, next);
    try {
      return await next;
    } finally {
      if (this.queues.get(path) === next) this.queues.delete(path);
    }
  }

  /** Closes a snapshot's warehouse (before its file is deleted). */
  async release(path: string): Promise<void> {
    const opening = this.open.get(path);
    if (!opening) return;
    this.open.delete(path);
    await (this.queues.get(path) ?? Promise.resolve()).catch(() => undefined);
    (await opening).close();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.open.keys()].map((path) => this.release(path)));
  }

  private get(path: string): Promise<Warehouse> {
    let opening = this.open.get(path);
    if (!opening) {
      opening = Warehouse.open({ path, readOnly: true, ...this.options });
      opening.catch(() => this.open.delete(path));
      this.open.set(path, opening);
    }
    return opening;
  }
}
