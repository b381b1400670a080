import type { FindingGroup, QualityFinding, RunDetail } from '@oscp/contracts';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionFixture } from '../../../test-support/fixtures';
import { renderApp, stubFetch } from '../../../test-support/render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const finding = (n: number): QualityFinding => ({
  id: `f-${n}`,
  runId: 'run-1',
  submissionId: 'sub-1',
  kind: 'row_quarantined',
  dataset: 'contacts',
  fileName: 'contacts_20250501.csv',
  line: n + 1,
  column: 'contact_datetime',
  value: 'not a date',
  rule: 'datetime_format',
  message: 'contact_datetime is not a date and time.',
});

const group: FindingGroup = {
  dataset: 'contacts',
  rule: 'datetime_format',
  kind: 'row_quarantined',
  count: 6000,
  examples: [finding(1), finding(2), finding(3)],
};

function detail(rule: string | null): RunDetail {
  return {
    id: 'run-1',
    trigger: 'upload',
    status: 'published',
    startedAt: '2025-05-01T06:00:00Z',
    finishedAt: '2025-05-01T06:01:00Z',
    snapshotId: null,
    error: null,
    filesAccepted: 1,
    filesRejected: 0,
    rowsQuarantined: 6000,
    submissions: [],
    findingGroups: [group],
    findingCounts: [],
    sourcesByQuarter: [],
    findings: { items: rule ? [finding(1)] : [finding(1), finding(2)], total: 6000, limit: 100, offset: 0 },
  };
}

describe('RunPage findings summary', () => {
  it('groups findings by dataset and rule with the count and 3 examples, and opens the full list filtered', async () => {
    const asked: string[] = [];
    stubFetch((url) => {
      if (url.pathname === '/api/auth/me') return { status: 200, body: sessionFixture };
      if (url.pathname === '/api/runs/run-1') {
        asked.push(url.search);
        return { status: 200, body: detail(url.searchParams.get('rule')) };
      }
      return undefined;
    });
    renderApp('/data/runs/run-1');
    const summary = await screen.findByRole('region', { name: 'Findings by dataset and rule' });
    expect(within(summary).getByRole('heading', { name: /contacts: datetime_format \(6,000 findings/ })).toBeTruthy();
    expect(within(summary).getAllByRole('listitem')).toHaveLength(3);
    fireEvent.click(within(summary).getByRole('link', { name: 'Show all 6,000 findings of contacts: datetime_format' }));
    await waitFor(() => expect(asked.some((q) => q.includes('rule=datetime_format') && q.includes('dataset=contacts'))).toBe(true));
    // The full list is paged: one page of at most 100 rows, never all 6,000.
    expect(asked.every((q) => q.includes('limit=100'))).toBe(true);
  });
});
