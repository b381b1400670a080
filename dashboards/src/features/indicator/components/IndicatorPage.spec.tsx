import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { SignOffState } from '@oscp/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  indicatorDetailFixture,
  makeSignOff,
  scorecardFixture,
  sessionFixture,
} from '../../../test-support/fixtures';
import { renderApp, stubFetch, type FakeRoute } from '../../../test-support/render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const records = (offset: number) => ({
  items: Array.from({ length: 25 }, (_, i) => ({
    recordId: `R${offset + i}`,
    childId: `C${offset + i}`,
    dataset: 'x',
  })),
  total: 60,
  limit: 25,
  offset,
});

const api =
  (roles = sessionFixture.user.roles): FakeRoute =>
  (url) => {
    if (url.pathname === '/api/auth/me') {
      return { status: 200, body: { ...sessionFixture, user: { ...sessionFixture.user, roles } } };
    }
    if (url.pathname === '/api/indicators/CP07') return { status: 200, body: indicatorDetailFixture() };
    if (url.pathname === '/api/indicators/CP07/records') {
      return { status: 200, body: records(Number(url.searchParams.get('offset'))) };
    }
    if (url.pathname === '/api/scorecard') return { status: 200, body: scorecardFixture };
    return undefined;
  };

describe('IndicatorPage', () => {
  it('shows the definition, a chart described in words and the same data as a table', async () => {
    stubFetch(api());
    renderApp('/indicators/CP07?period=2024-25%20Q4');
    expect(
      await screen.findByRole('heading', { level: 1, name: /Partner reports to conference on time/ }),
    ).toBeTruthy();
    expect(
      screen.getByText('Attending partners whose report arrived 2 or more working days before.'),
    ).toBeTruthy();
    const chart = screen.getByRole('img', { name: 'Partner reports to conference on time: trend' });
    const summary = document.getElementById(chart.getAttribute('aria-describedby') ?? '');
    expect(summary?.textContent).toContain('80.0% in 2023-24 Q1 to 87.0% in 2024-25 Q4');
    const table = screen.getByRole('table', { name: 'Partner reports to conference on time, by quarter' });
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((th) => th.textContent),
    ).toHaveLength(8);
    expect(within(table).getAllByText('86.4%')).toHaveLength(8); // statistical neighbours, 1 dp
    // The breakdown by agency, with a table of its own.
    const breakdown = screen.getByRole('table', { name: /by agency, 2024-25 Q4/ });
    expect(within(breakdown).getByRole('rowheader', { name: 'Police' })).toBeTruthy();
    expect(within(breakdown).getAllByText('[x]').length).toBeGreaterThan(0);
    // Data-quality notes from the run.
    expect(screen.getByRole('rowheader', { name: 'conference_participation' })).toBeTruthy();
  });

  it("names the snapshot's region in the trend table, the chart's legend and its summary", async () => {
    stubFetch((url, init) =>
      url.pathname === '/api/indicators/CP07'
        ? { status: 200, body: { ...indicatorDetailFixture(), regionName: 'London' } }
        : api()(url, init),
    );
    renderApp('/indicators/CP07?period=2024-25%20Q4');
    const table = await screen.findByRole('table', {
      name: 'Partner reports to conference on time, by quarter',
    });
    expect(within(table).getByRole('columnheader', { name: 'London' })).toBeTruthy();
    const chart = screen.getByRole('img', { name: 'Partner reports to conference on time: trend' });
    const summary = document.getElementById(chart.getAttribute('aria-describedby') ?? '');
    expect(summary?.textContent).toContain(', London 78.6%,');
    expect(document.body.textContent).not.toContain('North West');
  });

  it('lists the records behind the figure for analysts, page by page', async () => {
    const fetchMock = stubFetch(api());
    renderApp('/indicators/CP07?period=2024-25%20Q4');
    expect(await screen.findByRole('rowheader', { name: 'R0' })).toBeTruthy();
    expect(screen.getByText('Showing 1 to 25 of 60 records')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next records' }));
    expect(await screen.findByRole('rowheader', { name: 'R25' })).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Denominator'));
    await waitFor(() =>
      expect(fetchMock.mock.calls.map(([u]) => String(u))).toContain(
        '/api/indicators/CP07/records?period=2024-25+Q4&part=denominator&limit=25&offset=0',
      ),
    );
  });

  it('does not offer the records to someone who is not an analyst', async () => {
    const fetchMock = stubFetch(api(['viewer']));
    renderApp('/indicators/CP07');
    await screen.findByRole('heading', { level: 1, name: /Partner reports/ });
    expect(screen.queryByRole('heading', { name: 'Records behind the figure' })).toBeNull();
    expect(fetchMock.mock.calls.some(([u]) => String(u).includes('/records'))).toBe(false);
    expect(screen.queryByRole('link', { name: 'Data' })).toBeNull();
  });

  /** A chair of "Conferences", which owns CP07; no report on it yet. */
  const chairOf =
    (retired: boolean): FakeRoute =>
    (url, init) => {
      if (url.pathname === '/api/auth/me') {
        return {
          status: 200,
          body: {
            ...sessionFixture,
            user: { ...sessionFixture.user, roles: ['viewer', 'chair'], subgroups: ['conferences'] },
          },
        };
      }
      if (url.pathname === '/api/subgroups') {
        return {
          status: 200,
          body: [{ id: 'conferences', name: 'Conferences', indicatorCodes: ['CP07'], retired }],
        };
      }
      if (url.pathname === '/api/exceptions') {
        return { status: 200, body: { items: [], total: 0, counts: {} } };
      }
      if (url.pathname === '/api/commentary') return { status: 200, body: [] };
      return api(['viewer', 'chair'])(url, init);
    };

  it('offers a chair "Open a report" for an indicator a subgroup of theirs owns', async () => {
    stubFetch(chairOf(false));
    renderApp('/indicators/CP07?period=2024-25%20Q4');
    expect(
      await screen.findByRole('button', { name: 'Open a report for 2024-25 Q4' }, { timeout: 4000 }),
    ).toBeTruthy();
  });

  it('does not offer "Open a report" when that subgroup is retired (the API would refuse it)', async () => {
    stubFetch(chairOf(true));
    renderApp('/indicators/CP07?period=2024-25%20Q4');
    expect(
      await screen.findByText(
        'There are no exception reports on this indicator that you can read.',
        {},
        { timeout: 4000 },
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Open a report/ })).toBeNull();
  });

  it('shows the signed-off figures of a signed-off quarter, the revision with both values, and lets an analyst switch', async () => {
    const signedOffState = (figures: 'signed_off' | 'latest'): SignOffState => ({
      signOff: makeSignOff({ id: 'so-1', snapshotId: 'snap-signed' }),
      figures,
      revisions: [
        {
          code: 'CP07',
          title: 'Partner reports to conference on time',
          signedOff: { display: '87.0', rag: 'amber', exception: false },
          latest: { display: '91.5', rag: 'green', exception: false },
          latestSnapshotId: 'snap-latest',
          revisedAt: '2025-06-20T01:00:00.000Z',
        },
      ],
    });
    const asked: string[] = [];
    const fetchMock = stubFetch((url, init) => {
      if (url.pathname === '/api/indicators/CP07') {
        asked.push(url.search);
        const latest = url.searchParams.get('figures') === 'latest';
        const detail = indicatorDetailFixture();
        return {
          status: 200,
          body: {
            ...detail,
            snapshotId: latest ? 'snap-latest' : 'snap-signed',
            current: { ...detail.current, display: latest ? '91.5' : '87.0' },
            signOffState: signedOffState(latest ? 'latest' : 'signed_off'),
          },
        };
      }
      return api()(url, init);
    });
    renderApp('/indicators/CP07?period=2024-25%20Q4');
    const banner = await screen.findByTestId('signoff-banner');
    expect(banner.textContent).toContain('Signed off 12 Jun 2025 by Pat Manager');
    expect(banner.textContent).toContain('These are the signed-off figures.');
    expect(screen.getByTestId('revised-CP07').textContent).toBe(
      'Revised signed off 87.0%, latest 91.5% (newer figures loaded 20 Jun 2025).',
    );
    expect(screen.getByTestId('indicator-value').textContent).toBe('87.0%');
    expect(asked[0]).not.toContain('figures=');
    // The records behind a signed-off figure are the signed-off snapshot's.
    await waitFor(() =>
      expect(fetchMock.mock.calls.map(([u]) => String(u))).toContainEqual(
        expect.stringMatching(/^\/api\/indicators\/CP07\/records\?.*snapshot=snap-signed/),
      ),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Show the latest figures' }));
    await waitFor(() =>
      expect(screen.getByTestId('location').textContent).toBe(
        '/indicators/CP07?period=2024-25+Q4&figures=latest',
      ),
    );
    await waitFor(() => expect(screen.getByTestId('indicator-value').textContent).toBe('91.5%'));
    expect(asked.at(-1)).toContain('figures=latest');
    expect(screen.getByTestId('signoff-banner').textContent).toContain(
      'You are looking at the latest figures',
    );
  });
});
