import { Logger } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { loggableError } from '../http/loggable-error';

/**
 * Features that act after each published run (exception reports open their drafts) provide
 * themselves under this token; the pipeline calls them after publishing and never fails a run
 * because of them: the snapshot is published either way.
 */
export const SNAPSHOT_PUBLISHED_LISTENER = 'oscp:snapshot-published-listener';

export interface SnapshotPublishedListener {
  onSnapshotPublished(snapshotId: string): Promise<void>;
}

const logger = new Logger('SnapshotPublished');

export async function notifySnapshotPublished(moduleRef: ModuleRef, snapshotId: string): Promise<void> {
  let listener: SnapshotPublishedListener;
  try {
    listener = moduleRef.get<SnapshotPublishedListener>(SNAPSHOT_PUBLISHED_LISTENER, { strict: false });
  } catch {
    return;
  }
  try {
    await listener.onSnapshotPublished(snapshotId);
  } catch (error) {
    logger.error({ snapshotId, ...loggableError(error) }, 'Acting on the published snapshot failed');
  }
}
