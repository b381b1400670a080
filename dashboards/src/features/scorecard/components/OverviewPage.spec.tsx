import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { periodListFixture, scorecardFixture, sessionFixture } from '../../../test-support/fixtures';
import { renderApp, stubFetch, type FakeRoute } from '../../../test-support/render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const api: FakeRoute = (url) => {
  switch (url.pathname) {
    case '/api/auth/me':
      return { status: 200, body: sessionFixture };
    case '/api/periods':
      return { status: 200, body: periodListFixture };
    case '/api/scorecard':
      return { status: 200, body: scorecardFixture };
    case '/api/health':
      return { status: 200, body: { status: 'ok', database: 'ok', warehouse: 'ok', lastRun: null } };
    case '/api/snapshots':
      return { status: 200, body: { items: [], total: 0, limit: 50, offset: 0 } };
    default:
      return undefined;
  }
};

function indicatorRows(): string[] {
  return screen.getAllByRole('rowheader').map((th) => th.querySelector('a')?.textContent ?? '');
}

describe('OverviewPage', () => {
  it('shows every indicator of the quarter in a table per theme, values as the API displays them', async () => {
    stubFetch(api);
    renderApp('/');
    expect(
      await screen.findByRole('table', { name: 'Front door and responding to need, 2024-25 Q4' }),
    ).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Child protection and conferences, 2024-25 Q4' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Neglect, 2024-25 Q4' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Priority themes, 2024-25 Q4' })).toBeTruthy();
    expect(indicatorRows()).toHaveLength(6);
    expect(screen.getByTestId('value-FD02').textContent).toBe('20.5%');
    expect(screen.getByTestId('shown-count').textContent).toBe('Showing 6 of 6 indicators');
    // Comparators are plain numbers with their unit, formatted to 1 decimal place.
    const fd02 = screen.getByRole('rowheader', { name: /FD02/ }).closest('tr') as HTMLElement;
    expect(within(fd02).getByText('80.0%')).toBeTruthy();
    expect(within(fd02).getByText('78.6%')).toBeTruthy();
  });

  it("heads the region's comparator column with the region the snapshot names, not a fixed one", async () => {
    stubFetch((url, init) =>
      url.pathname === '/api/scorecard'
        ? { status: 200, body: { ...scorecardFixture, regionName: 'Yorkshire and The Humber' } }
        : api(url, init),
    );
    renderApp('/');
    const table = await screen.findByRole('table', { name: 'Front door and responding to need, 2024-25 Q4' });
    expect(within(table).getByRole('columnheader', { name: 'Yorkshire and The Humber' })).toBeTruthy();
    expect(screen.queryByText('North West')).toBeNull();
  });

  it('shows a warning banner when an earlier snapshot stands in for an unreadable published one', async () => {
    const notice =
      'These are the figures of an earlier snapshot, loaded 2025-05-01 02:00 UTC: the latest published snapshot cannot be read (the file is missing). The next run rebuilds it.';
    stubFetch((url, init) =>
      url.pathname === '/api/scorecard'
        ? { status: 200, body: { ...scorecardFixture, notice } }
        : api(url, init),
    );
    renderApp('/');
    const banner = await screen.findByTestId('stand-in-notice');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toBe(`!Warning${notice}`);
  });

  it('shows no such banner when the published snapshot is served', async () => {
    stubFetch(api);
    renderApp('/');
    await screen.findByRole('list', { name: 'Headlines for 2024-25 Q4' });
    expect(screen.queryByTestId('stand-in-notice')).toBeNull();
  });

  it('counts red, amber, green and exceptions in the headline strip', async () => {
    stubFetch(api);
    renderApp('/');
    const strip = await screen.findByRole('list', { name: 'Headlines for 2024-25 Q4' });
    const tile = (label: string) => within(strip).getByText(label).closest('a')?.textContent;
    expect(tile('Red')).toBe('1 Red');
    expect(tile('Amber')).toBe('1 Amber');
    expect(tile('Green')).toBe('1 Green');
    expect(tile('Exceptions')).toBe('1 Exceptions');
  });

  it('filters by owner agency and puts the filter in the URL', async () => {
    stubFetch(api);
    renderApp('/');
    const select = await screen.findByLabelText('Owner agency');
    fireEvent.change(select, { target: { value: 'HEALTH' } });
    await waitFor(() =>
      expect(indicatorRows()).toEqual([
        'PT05 Initial health assessments for children looked after within 20 working days',
      ]),
    );
    expect(screen.getByTestId('location').textContent).toBe('/?agency=HEALTH');
  });

  it('"Show my agency" shows the signed-in user\'s agency', async () => {
    stubFetch(api);
    renderApp('/');
    fireEvent.click(await screen.findByRole('button', { name: /Show my agency/ }));
    await waitFor(() =>
      expect(indicatorRows()).toEqual(['NG03 Early help neglect cases using Graded Care Profile 2']),
    );
  });

  it('reopens the same view from a link: RAG and exceptions-only filters read from the URL', async () => {
    stubFetch(api);
    renderApp('/?rag=red,amber');
    await screen.findByRole('table', { name: /Front door/ });
    expect(indicatorRows().map((r) => r.slice(0, 4))).toEqual(['FD02', 'NG03']);
    expect((screen.getByLabelText('Red') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByLabelText('Exceptions only'));
    await waitFor(() => expect(indicatorRows().map((r) => r.slice(0, 4))).toEqual(['FD02']));
    expect(screen.getByTestId('location').textContent).toBe('/?rag=red%2Camber&exceptions=true');
  });

  it('asks the API for the quarter in the URL', async () => {
    const fetchMock = stubFetch(api);
    renderApp('/?period=2024-25%20Q3');
    await screen.findByRole('table', { name: /Front door/ });
    const scorecardCalls = fetchMock.mock.calls
      .map(([input]) => String(input))
      .filter((u) => u.startsWith('/api/scorecard'));
    expect(scorecardCalls).toContain('/api/scorecard?period=2024-25+Q3');
  });

  it('says there is no data yet when nothing has been published', async () => {
    stubFetch((url, init) =>
      url.pathname === '/api/periods'
        ? { status: 200, body: { snapshotId: null, defaultPeriod: null, periods: [] } }
        : url.pathname === '/api/scorecard'
          ? { status: 404, body: { statusCode: 404, message: 'No published snapshot' } }
          : api(url, init),
    );
    renderApp('/');
    expect(await screen.findByText('No data loaded yet')).toBeTruthy();
  });

  it('sends the user to sign in when a call answers 401, says why, then returns to the same view', async () => {
    let sessionEnded = true;
    const fetchMock = stubFetch((url, init) => {
      if (url.pathname === '/api/auth/login') {
        sessionEnded = false;
        return { status: 200, body: sessionFixture };
      }
      if (sessionEnded && url.pathname === '/api/scorecard') {
        return { status: 401, body: { statusCode: 401, message: 'Sign in' } };
      }
      return api(url, init);
    });
    renderApp('/?agency=CSC');
    expect(await screen.findByText(/Your session has ended/)).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe('/sign-in');

    fireEvent.change(screen.getByLabelText('Email address'), { target: { value: 'analyst@example.org' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/?agency=CSC'));
    expect(await screen.findByRole('table', { name: /Front door/ })).toBeTruthy();
    const login = fetchMock.mock.calls.find(([input]) => String(input) === '/api/auth/login');
    expect(login?.[1]?.credentials).toBe('same-origin');
  });

  it('sends the CSRF token from the session on state-changing requests', async () => {
    const fetchMock = stubFetch(api);
    renderApp('/');
    fireEvent.click((await screen.findByText(/Signed in as/)).closest('summary') as HTMLElement);
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/sign-in'));
    const logout = fetchMock.mock.calls.find(([input]) => String(input) === '/api/auth/logout');
    expect(new Headers(logout?.[1]?.headers).get('x-csrf-token')).toBe('csrf-1');
  });
});

describe('OverviewPage for someone who is not an analyst', () => {
  it('says direction as arrow and meaning, with the reason when there is none, and explains it once', async () => {
    stubFetch(api);
    renderApp('/');
    await screen.findByRole('table', { name: 'Front door and responding to need, 2024-25 Q4' });
    const row = (code: string) =>
      screen.getByRole('rowheader', { name: new RegExp(code) }).closest('tr') as HTMLElement;
    // FD02: higher is better, 30 → 20.45.
    expect(within(row('FD02')).getByText('Worse').parentElement?.textContent).toBe('↓ Worse');
    expect(within(row('FD01')).getByText('Context: ↑ up')).toBeTruthy();
    // PT05 has no value this quarter, though its sparkline has earlier quarters.
    expect(within(row('PT05')).getByText('No value this quarter')).toBeTruthy();
    const key = screen.getByRole('region', { name: 'How to read the scorecard' });
    for (const example of [
      '↑ Better',
      '↓ Better',
      '↑ Worse',
      '↓ Worse',
      '→ No change',
      'Context: ↑ up',
      '[x]',
      '[z]',
      '[c]',
    ]) {
      expect(within(key).getByText(example)).toBeTruthy();
    }
    expect(
      within(key).getByRole('link', { name: 'Read the guide to the scorecard' }).getAttribute('href'),
    ).toBe('/guide');
  });

  it('shows values and targets with their units and thousands separators', async () => {
    stubFetch(api);
    renderApp('/');
    await screen.findByRole('table', { name: 'Front door and responding to need, 2024-25 Q4' });
    expect(screen.getByTestId('value-FD01').textContent).toBe('2,043');
    const fd02 = screen.getByRole('rowheader', { name: /FD02/ }).closest('tr') as HTMLElement;
    expect(within(fd02).getByText('20.5%')).toBeTruthy();
    expect(within(fd02).getByText('at least 95.0%')).toBeTruthy();
  });

  it('offers only the quarters the extracts cover completely, and says from when the figures run', async () => {
    const partial = {
      ...periodListFixture,
      coveredFrom: '2023-24 Q3',
      periods: periodListFixture.periods.map((p) => ({
        ...p,
        complete: p.period >= '2023-24 Q3',
      })),
    };
    stubFetch((url, init) =>
      url.pathname === '/api/periods' ? { status: 200, body: partial } : api(url, init),
    );
    renderApp('/');
    const picker = (await screen.findByLabelText('Quarter')) as HTMLSelectElement;
    await waitFor(() => expect(picker.options.length).toBe(6));
    const offered = [...picker.options].map((o) => o.value);
    expect(offered).not.toContain('2023-24 Q1');
    expect(offered).not.toContain('2023-24 Q2');
    expect(screen.getByTestId('coverage').textContent).toBe(
      "The figures run from 2023-24 Q3 (October to December 2023), the first quarter the agencies' extracts cover completely.",
    );
  });

  it('cautions beside the RAG when a percentage rests on fewer than 10 cases', async () => {
    const small = {
      ...scorecardFixture,
      indicators: scorecardFixture.indicators.map((i) =>
        i.code === 'NG03' ? { ...i, numerator: 4, denominator: 9, value: 44.4, display: '44.4' } : i,
      ),
    };
    stubFetch((url, init) =>
      url.pathname === '/api/scorecard' ? { status: 200, body: small } : api(url, init),
    );
    renderApp('/');
    await screen.findByRole('table', { name: 'Neglect, 2024-25 Q4' });
    const ng03 = screen.getByRole('rowheader', { name: /NG03/ }).closest('tr') as HTMLElement;
    expect(within(ng03).getByText('small number: interpret with care (9 cases)')).toBeTruthy();
    const fd02 = screen.getByRole('rowheader', { name: /FD02/ }).closest('tr') as HTMLElement;
    expect(within(fd02).queryByText(/small number/)).toBeNull();
  });

  it('also lays every indicator out as a card (shown under 640 px instead of the table)', async () => {
    stubFetch(api);
    renderApp('/');
    await screen.findByRole('table', { name: 'Front door and responding to need, 2024-25 Q4' });
    const card = screen.getByTestId('card-FD02');
    for (const text of [
      'Value',
      'Target',
      'RAG',
      'Direction',
      'Trend',
      '20.5%',
      'at least 95.0%',
      'Red',
      '↓ Worse',
    ]) {
      expect(card.textContent).toContain(text);
    }
  });
});
