/** One key's work in hand: the run going on, and the one that follows it for later callers. */
interface PendingWork<V> {
  running: Promise<V>;
  queued: Promise<V> | null;
}

/**
 * Work (a file's `stat`, the health check) shared by concurrent callers, with this guarantee: the
 * answer a caller gets comes from a run that began after its call, so a change made before a call
 * (a file replaced, the database gone) is always seen by that call, as with a run of its own.
 *
 * A caller that arrives while a run for its key is going on does not take that run's answer (it
 * may have begun before the change); it waits for the next, which begins when the running one
 * settles and answers every caller that arrived meanwhile. A caller waits at most two runs, and
 * under load one run answers many requests instead of each making its own.
 */
export class FreshSharedWork<K, V> {
  private readonly pending = new Map<K, PendingWork<V>>();

  constructor(private readonly work: (key: K) => Promise<V>) {}

  run(key: K): Promise<V> {
    const pending = this.pending.get(key);
    if (!pending) return this.begin(key);
    const next = (): Promise<V> => this.begin(key);
    pending.queued ??= pending.running.then(next, next);
    return pending.queued;
  }

  private begin(key: K): Promise<V> {
    const running = this.work(key);
    const pending: PendingWork<V> = { running, queued: null };
    this.pending.set(key, pending);
    // Registered before any caller's continuation: once it has run, a new caller starts afresh
    // (or joins the queued one, which has become the running one).
    const forget = (): void => {
      if (this.pending.get(key) === pending) this.pending.delete(key);
    };
    void running.then(forget, forget);
    return running;
  }
}
