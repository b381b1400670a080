import type { Scorecard } from '@oscp/contracts';

/** One kept answer: its computation, and the value once it has been computed. */
interface CacheEntry<T> {
  computing: Promise<T>;
  computed: { value: T } | null;
}

/** Snapshots whose scorecards are kept at once: the current one and a few asked for by id. */
const SNAPSHOTS_KEPT = 4;

/**
 * Computed scorecards (or other answers read from a snapshot alone, such as indicator detail), per
 * snapshot, by quarter and view. A snapshot file never changes once
 * published, so an entry is right for as long as the snapshot exists; entries are dropped when
 * another snapshot becomes the current one (a publish, here or by another replica), and a
 * snapshot's entries go when more than a few snapshots are kept. The promise is kept, so
 * concurrent first requests for one scorecard compute it once; a failed computation is not kept.
 */
export class ScorecardCache<T = Scorecard> {
  private readonly bySnapshot = new Map<string, Map<string, CacheEntry<T>>>();
  private currentId: string | null = null;

  /** Records which snapshot is current; a different one than before drops the previous one's entries. */
  noteCurrent(snapshotId: string): void {
    if (this.currentId === snapshotId) return;
    if (this.currentId !== null) this.bySnapshot.delete(this.currentId);
    this.currentId = snapshotId;
  }

  /**
   * The scorecard of `snapshotId` under `key`, computed by `compute` when not kept: the value
   * itself once computed (no promise to wait on), the computation's promise until then.
   */
  get(snapshotId: string, key: string, compute: () => Promise<T>): T | Promise<T> {
    let entries = this.bySnapshot.get(snapshotId);
    if (!entries) {
      entries = new Map();
      this.bySnapshot.set(snapshotId, entries);
      this.trim();
    }
    const kept = entries.get(key);
    if (kept) return kept.computed ? kept.computed.value : kept.computing;
    const computing = compute();
    const entry: CacheEntry<T> = { computing, computed: null };
    entries.set(key, entry);
    computing.then(
      (value) => {
        entry.computed = { value };
      },
      () => {
        if (this.bySnapshot.get(snapshotId)?.get(key) === entry) entries.delete(key);
      },
    );
    return computing;
  }

  /** Drops everything (e.g. after retention removed snapshot files). */
  clear(): void {
    this.bySnapshot.clear();
    this.currentId = null;
  }

  /** How many snapshots have entries (for tests). */
  get snapshotCount(): number {
    return this.bySnapshot.size;
  }

  private trim(): void {
    for (const id of this.bySnapshot.keys()) {
      if (this.bySnapshot.size <= SNAPSHOTS_KEPT) return;
      if (id !== this.currentId) this.bySnapshot.delete(id);
    }
  }
}
