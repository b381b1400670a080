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
    sourcesByQuarter: [],
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
      recordCounts: null,
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
      recordCounts: null,
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

describe('the etl run summary of a children in need census load', () => {
  it('counts the census records by kind and says which source fed each quarter', () => {
    const census: RunOutcome = {
      ...outcome,
      run: {
        ...outcome.run,
        filesRejected: 0,
        rowsQuarantined: 0,
        sourcesByQuarter: [
          {
            dataset: 'referrals',
            period: '2021-22 Q4',
            source: 'cin_census',
            fileName: 'cin_census_20220523.xml',
            extractDate: '2022-05-23',
          },
          {
            dataset: 'referrals',
            period: '2022-23 Q1',
            source: 'cin_census',
            fileName: 'cin_census_20220523.xml',
            extractDate: '2022-05-23',
          },
          {
            dataset: 'referrals',
            period: '2022-23 Q2',
            source: 'extract',
            fileName: 'referrals_20220801.csv',
            extractDate: '2022-08-01',
          },
        ],
      },
      submissions: [
        {
          id: 's3',
          runId: 'run-1',
          dataset: 'cin_census',
          fileName: 'cin_census_20220523.xml',
          originalFileName: null,
          uploadedBy: null,
          agency: null,
          extractDate: '2022-05-23',
          sha256: 'c'.repeat(64),
          rowsRead: 6,
          rowsAccepted: 6,
          rowsQuarantined: 0,
          status: 'accepted',
          reason: null,
          recordCounts: {
            children: 1,
            referrals: 1,
            assessments: 1,
            strategy_discussions: 1,
            cp_plans: 1,
            cp_reviews: 2,
          },
        },
      ],
      crossFileQuarantines: [],
    };
    expect(formatRunSummary(census).split('\n').slice(0, 3)).toEqual([
      'accepted  cin_census/cin_census_20220523.xml: 6 records loaded (1 child, 1 referral, 1 assessment, 1 section 47 enquiry, 1 child protection plan, 2 reviews), 0 quarantined',
      'source    referrals 2021-22 Q4 to 2022-23 Q1: the children in need census (newest: cin_census_20220523.xml, extract date 2022-05-23)',
      'source    referrals 2022-23 Q2: the CSV/XLSX extracts (newest: referrals_20220801.csv, extract date 2022-08-01)',
    ]);
  });
});
