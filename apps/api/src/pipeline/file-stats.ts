import { stat, type Stats } from 'node:fs';

/** One file's stats being taken: the one running, and the one that follows it for later callers. */
interface PendingStats {
  running: Promise<Stats | undefined>;
  queued: Promise<Stats | undefined> | null;
}

/**
 * `stat` of files, shared by concurrent callers, with this guarantee: the answer a caller gets
 * comes from a `stat` that began after its call, so a change made to the file (replaced, altered,
 * removed) before a call is always seen by that call, as with a `stat` of its own.
 *
 * A caller that arrives while a `stat` of the file is running does not take that one's answer (it
 * may have begun before the change); it waits for the next, which begins when the running one
 * ends and answers every caller that arrived meanwhile. A caller waits at most two `stat` round
 * trips, and under load one `stat` answers many requests instead of each taking its own.
 */
export class FileStats {
  private readonly pending = new Map<string, PendingStats>();

  /** The file's stats, or undefined when it is missing or cannot be read. */
  stat(path: string): Promise<Stats | undefined> {
    const pending = this.pending.get(path);
    if (!pending) return this.begin(path);
    pending.queued ??= pending.running.then(() => this.begin(path));
    return pending.queued;
  }

  private begin(path: string): Promise<Stats | undefined> {
    const running = new Promise<Stats | undefined>((resolve) => {
      stat(path, (error, stats) => resolve(error ? undefined : stats));
    });
    const pending: PendingStats = { running, queued: null };
    this.pending.set(path, pending);
    // Registered before any caller's continuation: once it has run, a new caller starts afresh
    // (or joins the queued one, which has become the running one).
    void running.then(() => {
      if (this.pending.get(path) === pending) this.pending.delete(path);
    });
    return running;
  }
}
