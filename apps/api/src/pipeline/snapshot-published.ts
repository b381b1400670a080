import { Injectable, Logger } from '@nestjs/common';
import { loggableError } from '../http/loggable-error';

/** A feature that acts after each published run (exception reports open their drafts). */
export interface SnapshotPublishedListener {
  onSnapshotPublished(snapshotId: string): Promise<void>;
}

/**
 * Who is told that a run published a snapshot. Features subscribe when their module starts
 * (the pipeline cannot import them: they read the scorecard, which imports the pipeline). The
 * pipeline calls `notify` after publishing and never fails a run because of a listener: the
 * snapshot is published either way, and a failure is logged.
 */
@Injectable()
export class SnapshotPublishedListeners {
  private readonly logger = new Logger(SnapshotPublishedListeners.name);
  private readonly listeners = new Set<SnapshotPublishedListener>();
  /** Notifications run one after another, in publication order, even when runs overlap. */
  private queue: Promise<void> = Promise.resolve();

  subscribe(listener: SnapshotPublishedListener): void {
    this.listeners.add(listener);
  }

  notify(snapshotId: string): Promise<void> {
    this.queue = this.queue.then(async () => {
      for (const listener of this.listeners) {
        try {
          await listener.onSnapshotPublished(snapshotId);
        } catch (error) {
          this.logger.error(
            { snapshotId, ...loggableError(error) },
            'Acting on the published snapshot failed',
          );
        }
      }
    });
    return this.queue;
  }
}
