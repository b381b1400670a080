import type { RunDetail, RunSummary } from '@oscp/contracts';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionFixture } from '../../../test-support/fixtures';
import { renderApp, stubFetch, type FakeRoute } from '../../../test-support/render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const run: RunSummary = {
  id: 'run-1',
  trigger: 'upload',
  status: 'published',
  startedAt: '2025-05-01T06:00:00Z',
  finishedAt: '2025-05-01T06:01:00Z',
  snapshotId: 'snap-1',
  error: null,
  filesAccepted: 1,
  filesRejected: 0,
  rowsQuarantined: 1,
  sourcesByQuarter: [],
};

const detail: RunDetail = {
  ...run,
  submissions: [
    {
      id: 'sub-1',
      runId: 'run-1',
      dataset: 'contacts',
      fileName: 'contacts_20250501.csv',
      agency: 'CSC',
      extractDate: '2025-05-01',
      sha256: 'ab',
      rowsRead: 21,
      rowsAccepted: 20,
      rowsQuarantined: 1,
      status: 'accepted',
      reason: null,
      recordCounts: null,
      originalFileName: 'weird name;rm -rf.csv',
      uploadedBy: 'analyst@example.org',
    },
  ],
  findingGroups: [],
  findings: { items: [], total: 1, limit: 20, offset: 0 },
  findingCounts: [{ fileName: 'contacts_20250501.csv', column: 'source', kind: 'row_quarantined', count: 1 }],
};

function api(onPost: (url: URL, init?: RequestInit) => { status: number; body: unknown }): FakeRoute {
  return (url, init) => {
    if (init?.method === 'POST') return onPost(url, init);
    switch (url.pathname) {
      case '/api/auth/me':
        return { status: 200, body: sessionFixture };
      case '/api/runs':
        return { status: 200, body: { items: [run], total: 1, limit: 10, offset: 0 } };
      case '/api/runs/run-1':
        return { status: 200, body: detail };
      case '/api/snapshots':
        return { status: 200, body: { items: [], total: 0, limit: 50, offset: 0 } };
      default:
        return undefined;
    }
  };
}

describe('DataPage', () => {
  it('lists the run history with status in words and per-run counts', async () => {
    stubFetch(api(() => ({ status: 500, body: {} })));
    renderApp('/data');
    const table = await screen.findByRole('table', { name: 'Pipeline runs, newest first' });
    expect(within(table).getByText('Published')).toBeTruthy();
    expect(within(table).getByRole('link', { name: /snapshot snap-1/ }).getAttribute('href')).toBe('/?snapshot=snap-1');
  });

  it('says a run is already in progress when "Run now" is refused', async () => {
    stubFetch(api(() => ({ status: 409, body: { statusCode: 409, message: 'A run is already in progress' } })));
    renderApp('/data');
    fireEvent.click(await screen.findByRole('button', { name: 'Run now' }));
    expect(await screen.findByText('A run is already in progress')).toBeTruthy();
  });

  it('checks the upload form before sending it', async () => {
    const fetchMock = stubFetch(api(() => ({ status: 500, body: {} })));
    renderApp('/data');
    fireEvent.click(await screen.findByRole('button', { name: 'Upload and check the file' }));
    expect(screen.getAllByText('Select the dataset the file holds').length).toBeGreaterThan(0);
    expect(screen.getAllByText('Select a CSV or XLSX file').length).toBeGreaterThan(0);
    expect(fetchMock.mock.calls.some(([u]) => String(u) === '/api/submissions')).toBe(false);
  });

  it('uploads a file with the CSRF token and shows its result when the run finishes', async () => {
    let sent: RequestInit | undefined;
    stubFetch(
      api((url, init) => {
        sent = init;
        return url.pathname === '/api/submissions'
          ? { status: 202, body: { submissionId: 'sub-1', runId: 'run-1' } }
          : { status: 500, body: {} };
      }),
    );
    renderApp('/data');
    fireEvent.change(await screen.findByLabelText('Dataset'), { target: { value: 'contacts' } });
    const file = new File(['contact_id\n'], 'contacts_20250501.csv', { type: 'text/csv' });
    fireEvent.change(screen.getByLabelText('File (CSV or XLSX; the census as XML)'), { target: { files: [file] } });
    fireEvent.click(screen.getByRole('button', { name: 'Upload and check the file' }));
    const result = await screen.findByRole('table', { name: 'Your file' });
    // The uploader's own name is shown as text, beside the name the file was stored under.
    expect(within(result).getByText('weird name;rm -rf.csv')).toBeTruthy();
    expect(within(result).getByText(/stored as contacts_20250501\.csv/)).toBeTruthy();
    expect(within(result).getByText('Accepted')).toBeTruthy();
    await waitFor(() => expect(screen.getByText(/The checks passed/)).toBeTruthy());
    expect(new Headers(sent?.headers).get('x-csrf-token')).toBe('csrf-1');
    const body = sent?.body;
    expect(body instanceof FormData && body.get('dataset')).toBe('contacts');
  });

  it('shows what a children in need census held, by kind, and which source fed each quarter', async () => {
    const [contactsFile] = detail.submissions;
    if (!contactsFile) throw new Error('the fixture run has a file');
    const census: RunDetail = {
      ...detail,
      id: 'run-2',
      sourcesByQuarter: [
        {
          dataset: 'referrals',
          period: '2021-22 Q4',
          source: 'cin_census',
          fileName: 'cin_census_20220523.xml',
          extractDate: '2022-05-23',
        },
      ],
      submissions: [
        {
          ...contactsFile,
          id: 'sub-2',
          runId: 'run-2',
          dataset: 'cin_census',
          fileName: 'cin_census_20220523.xml',
          agency: null,
          rowsRead: 5,
          rowsAccepted: 5,
          rowsQuarantined: 0,
          recordCounts: { children: 1, referrals: 1, assessments: 1, strategy_discussions: 1, cp_plans: 1, cp_reviews: 2 },
        },
      ],
    };
    const base = api(() => ({ status: 500, body: {} }));
    stubFetch((url, init) => (url.pathname === '/api/runs/run-2' ? { status: 200, body: census } : base(url, init)));
    renderApp('/data/runs/run-2');
    const files = await screen.findByRole('table', { name: 'Files in this run' });
    expect(
      within(files).getByText(
        'Loaded: 1 child, 1 referral, 1 assessment, 1 section 47 enquiry, 1 child protection plan, 2 reviews',
      ),
    ).toBeTruthy();
    const sources = screen.getByRole('table', { name: "Which source gave each quarter's records" });
    const cells = within(sources).getAllByRole('cell').map((cell) => cell.textContent);
    expect(cells).toEqual(['2021-22 Q4', 'Children in need census', 'cin_census_20220523.xml']);
    expect(within(sources).getByRole('rowheader').textContent).toBe('Referrals');
    const counts = screen.getByRole('table', { name: 'Findings by file and column or element' });
    expect(within(counts).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['source', 'Row quarantined', '1']);
  });
});
