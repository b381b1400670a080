import type { ExceptionReport, HistoryEntry, SessionInfo, Subgroup } from '@oscp/contracts';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeSignOff, sessionFixture, signOffsAnswer } from '../../../test-support/fixtures';
import { renderApp, settle, stubFetch, type FakeRoute } from '../../../test-support/render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const chairSession: SessionInfo = {
  ...sessionFixture,
  user: { ...sessionFixture.user, roles: ['viewer', 'chair'], subgroups: ['performance-co-ordination'] },
};

const subgroups: Subgroup[] = [
  {
    id: 'performance-co-ordination',
    name: 'Performance Co-ordination',
    indicatorCodes: ['FD02'],
    retired: false,
  },
];

function makeReport(overrides: Partial<ExceptionReport> = {}): ExceptionReport {
  return {
    id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    indicatorCode: 'FD02',
    period: '2024-25 Q3',
    status: 'draft',
    subgroupIds: ['performance-co-ordination'],
    openedBy: 'automatic',
    evidence: {
      snapshotId: 'snap-1',
      period: '2024-25 Q3',
      title: 'Contacts with a MASH decision within 1 working day',
      owner: 'CSC',
      unit: 'percent',
      polarity: 'higher',
      value: 83.3,
      display: '83.3',
      status: 'ok',
      numerator: 833,
      denominator: 1000,
      target: 90,
      tolerance: 5,
      rag: 'red',
      direction: 'declining',
      previousValue: 88,
      exception: true,
      reasons: ['red', 'declining_two_quarters'],
      series: [
        { period: '2024-25 Q2', value: 88, display: '88.0', rag: 'amber' },
        { period: '2024-25 Q3', value: 83.3, display: '83.3', rag: 'red' },
      ],
      comparators: null,
      breakdown: [],
      dataQuality: [],
    },
    revisions: [],
    cause: '',
    dataQualityNote: '',
    impact: '',
    actions: [],
    trajectoryPeriod: null,
    escalationNeeded: null,
    escalationTo: '',
    returnComment: null,
    version: 1,
    updatedBy: null,
    createdAt: '2025-01-10T09:00:00.000Z',
    updatedAt: '2025-01-10T09:00:00.000Z',
    ...overrides,
  };
}

const history: HistoryEntry[] = [
  { id: 'h1', at: '2025-01-10T09:00:00.000Z', actor: null, action: 'opened', comment: null, changes: [] },
];

function api(
  report: () => ExceptionReport,
  onWrite: (url: URL, init: RequestInit) => { status: number; body: unknown },
): FakeRoute {
  return (url, init) => {
    if (init?.method && init.method !== 'GET') return onWrite(url, init);
    if (url.pathname === '/api/auth/me') return { status: 200, body: chairSession };
    if (url.pathname === '/api/subgroups') return { status: 200, body: subgroups };
    if (url.pathname.endsWith('/history')) return { status: 200, body: history };
    if (url.pathname.startsWith('/api/exceptions/')) return { status: 200, body: report() };
    return undefined;
  };
}

describe('ExceptionReportPage', () => {
  it('shows the frozen evidence with the reasons in words', async () => {
    stubFetch(
      api(
        () => makeReport(),
        () => ({ status: 500, body: {} }),
      ),
    );
    renderApp('/exceptions/7c9e6679-7425-40de-944b-e07fc1f90ae7');
    const reasons = await screen.findByTestId('exception-reasons', {}, { timeout: 5000 });
    expect(reasons.textContent).toContain('Red: 83.3% against a target of at least 90.0%');
    expect(reasons.textContent).toContain('Declining for 2 quarters');
    expect(screen.getByRole('table', { name: /last 2 quarters/ })).toBeTruthy();
  });

  it("says who signed the report's quarter off, and nothing for a quarter not signed off", async () => {
    const signOffs = [makeSignOff({ period: '2024-25 Q3', signedOffBy: 'Mo Manager' })];
    const route = api(
      () => makeReport(),
      () => ({ status: 500, body: {} }),
    );
    stubFetch((url, init) =>
      url.pathname === '/api/signoffs' ? signOffsAnswer(url, signOffs) : route(url, init),
    );
    renderApp('/exceptions/7c9e6679-7425-40de-944b-e07fc1f90ae7');
    const line = await screen.findByTestId('signoff-line', {}, { timeout: 5000 });
    expect(line.textContent).toBe('Scorecard for 2024-25 Q3: Signed off 12 Jun 2025 by Mo Manager');
    cleanup();

    const asked: string[] = [];
    stubFetch((url, init) => {
      if (url.pathname !== '/api/signoffs') return route(url, init);
      asked.push(url.search);
      return signOffsAnswer(url, [makeSignOff({ period: '2024-25 Q4' })]);
    });
    renderApp('/exceptions/7c9e6679-7425-40de-944b-e07fc1f90ae7');
    await screen.findByTestId('exception-reasons', {}, { timeout: 5000 });
    await waitFor(() => expect(asked).toEqual(['?period=2024-25-Q3']));
    await settle();
    expect(screen.queryByTestId('signoff-line')).toBeNull();
  });

  it('lists what a submit still needs in an error summary that links to each field', async () => {
    stubFetch(
      api(
        () => makeReport(),
        (url) =>
          url.pathname.endsWith('/transitions')
            ? {
                status: 400,
                body: {
                  statusCode: 400,
                  message: 'The report is not complete enough to submit.',
                  fields: [
                    { field: 'cause', message: 'Enter why this happened' },
                    { field: 'actions', message: 'Add at least one action' },
                  ],
                },
              }
            : { status: 500, body: {} },
      ),
    );
    renderApp('/exceptions/7c9e6679-7425-40de-944b-e07fc1f90ae7');
    fireEvent.click(await screen.findByRole('button', { name: 'Submit to the manager' }, { timeout: 5000 }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter why this happened' }).getAttribute('href')).toBe(
      '#report-cause',
    );
    expect(within(summary).getByRole('link', { name: 'Add at least one action' }).getAttribute('href')).toBe(
      '#report-add-action',
    );
    expect(screen.getByLabelText('Why it happened').getAttribute('aria-describedby')).toContain(
      'report-cause-error',
    );
  });

  it('on a 409 says who changed it, shows their version and keeps what you typed until you choose', async () => {
    let served = makeReport();
    stubFetch(
      api(
        () => served,
        () => {
          served = makeReport({
            version: 2,
            cause: 'Their cause',
            updatedBy: 'Colin Cochair (colin@example.org)',
          });
          return {
            status: 409,
            body: {
              statusCode: 409,
              message: 'Colin Cochair (colin@example.org) changed this report at 10 January, 10:00.',
            },
          };
        },
      ),
    );
    renderApp('/exceptions/7c9e6679-7425-40de-944b-e07fc1f90ae7');
    const cause = await screen.findByLabelText('Why it happened', {}, { timeout: 5000 });
    fireEvent.change(cause, { target: { value: 'My cause' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Colin Cochair (colin@example.org) changed this report');
    const theirs = await screen.findByTestId('conflict');
    expect(theirs.textContent).toContain('Their cause');
    expect((screen.getByLabelText('Why it happened') as HTMLTextAreaElement).value).toBe('My cause');
    fireEvent.click(within(theirs).getByRole('button', { name: 'Use their version' }));
    await waitFor(() =>
      expect((screen.getByLabelText('Why it happened') as HTMLTextAreaElement).value).toBe('Their cause'),
    );
  });
});
