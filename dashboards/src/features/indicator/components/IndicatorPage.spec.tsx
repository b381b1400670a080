import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { indicatorDetailFixture, scorecardFixture, sessionFixture } from '../../../test-support/fixtures';
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
});
