import { stat, type Stats } from 'node:fs';
import { FreshSharedWork } from '../http/fresh-shared-work';

/**
 * `stat` of files, shared by concurrent callers (`FreshSharedWork`): the answer a caller gets
 * comes from a `stat` that began after its call, so a file replaced, altered or removed before a
 * call is always seen by that call, and under load one `stat` answers many requests.
 */
export class FileStats {
  private readonly stats = new FreshSharedWork<string, Stats | undefined>(
    (path) =>
      new Promise((resolve) => {
        stat(path, (error, stats) => resolve(error ? undefined : stats));
      }),
  );

  /** The file's stats, or undefined when it is missing or cannot be read. */
  stat(path: string): Promise<Stats | undefined> {
    return this.stats.run(path);
  }
}
