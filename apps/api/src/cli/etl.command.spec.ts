import { describe, expect, it } from 'vitest';
import type { RunOutcome } from '../pipeline/pipeline.service';
import { formatRunSummary } from './etl.command';

const outcome: RunOutcome = {
  run: {
    id: 'run-1',
    trigger: 'cli',
    status: 'published',
    startedAt: '2026-12-01T02:00:00.000Z',
    finishedAt: '2026-12-01T02:00:05.000Z',
    snapshotId: 'snap-1',
    error: null,
    filesAccepted: 1,
    filesRejected: 1,
    rowsQuarantined: 5,
  },
  submissions: [
    {
      id: 's1',
      runId: 'run-1',
      dataset: 'cp_reviews',
      fileName: 'cp_reviews_20250407.csv',
      agency: null,
      extractDate: '2025-04-07',
      sha256: 'a'.repeat(64),
      rowsRead: 100,
      rowsAccepted: 98,
      rowsQuarantined: 2,
      status: 'accepted',
      reason: null,
      originalFileName: null,
      uploadedBy: null,
    },
    {
      id: 's2',
      runId: 'run-1',
      dataset: 'contacts',
      fileName: 'contacts_20250407.csv',
      agency: null,
      extractDate: '2025-04-07',
      sha256: 'b'.repeat(64),
      rowsRead: 3,
      rowsAccepted: 0,
      rowsQuarantined: 0,
      status: 'rejected',
      reason: 'contacts_20250407.csv has a personal-data column "surname".',
      originalFileName: null,
      uploadedBy: null,
    },
  ],
  filesAlreadyLoaded: 0,
  problems: [],
  message: 'Published snapshot snap-1.',
  crossFileQuarantines: [{ dataset: 'cp_reviews', fileName: 'cp_reviews_20250407.csv', rows: 3 }],
};

describe('the etl run summary', () => {
  it('prints a line per file, the rows quarantined by checks across datasets, and the outcome', () => {
    expect(formatRunSummary(outcome).split('\n')).toEqual([
      'accepted  cp_reviews/cp_reviews_20250407.csv: 98 rows loaded, 2 quarantined',
      'rejected  contacts/contacts_20250407.csv: contacts_20250407.csv has a personal-data column "surname".',
      'checked   cp_reviews/cp_reviews_20250407.csv: 3 more quarantined by checks against other datasets',
      'Run run-1 published: 1 file(s) accepted, 1 rejected, 5 row(s) quarantined.',
      'Published snapshot snap-1.',
      '',
    ]);
  });
});
