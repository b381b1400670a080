import type { BriefingSummary, SessionInfo } from '@oscp/contracts';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  adminSessionFixture,
  makeSignOff,
  periodListFixture,
  sessionFixture,
} from '../../../test-support/fixtures';
import { renderApp, stubFetch } from '../../../test-support/render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const draft: BriefingSummary = {
  period: '2024-25 Q4',
  snapshotId: 'snap-0007',
  generatedAt: '2025-05-30T01:02:03.000Z',
  signOff: null,
  draft: true,
  counts: { red: 3, amber: 4, green: 9, context: 10, noRag: 0 },
  exceptions: ['FD02', 'PT06'],
  pdfUnavailableReason: null,
};

const signOff = makeSignOff({ id: 'so-1' });

function serve(
  session: SessionInfo,
  summary: BriefingSummary,
  requests: { method: string; path: string; body: unknown }[] = [],
) {
  let current = summary;
  return stubFetch((url, init) => {
    const method = init?.method ?? 'GET';
    if (url.pathname === '/api/auth/me') return { status: 200, body: session };
    if (url.pathname === '/api/periods') return { status: 200, body: periodListFixture };
    if (url.pathname === '/api/briefings/2024-25-Q4') return { status: 200, body: current };
    if (url.pathname === '/api/signoffs' && method === 'GET')
      return { status: 200, body: { items: current.signOff ? [current.signOff] : [], total: 0 } };
    if (url.pathname === '/api/signoffs' && method === 'POST') {
      requests.push({ method, path: url.pathname, body: JSON.parse(String(init?.body)) });
      current = { ...current, signOff, draft: false };
      return { status: 201, body: signOff };
    }
    if (url.pathname === '/api/signoffs/so-1' && method === 'DELETE') {
      requests.push({ method, path: url.pathname, body: JSON.parse(String(init?.body)) });
      current = { ...current, signOff: null, draft: true };
      return { status: 200, body: { ...signOff, withdrawnAt: '2025-06-13T09:00:00.000Z' } };
    }
    return undefined;
  });
}

describe('Briefing pack page', () => {
  it('offers both versions in three formats, and says the quarter is a draft', async () => {
    serve(sessionFixture, draft);
    renderApp('/briefing');
    expect((await screen.findByTestId('signoff-state')).textContent).toContain(
      '2024-25 Q4 is not signed off',
    );
    expect(screen.getByTestId('download-internal-pdf').getAttribute('href')).toBe(
      '/api/briefings/2024-25-Q4.pdf',
    );
    expect(screen.getByTestId('download-published-xlsx').getAttribute('href')).toBe(
      '/api/briefings/2024-25-Q4.xlsx?published=true',
    );
    expect(screen.getByTestId('download-published-csv').getAttribute('href')).toBe(
      '/api/briefings/2024-25-Q4.csv?published=true',
    );
    expect(screen.getByText('Exceptions, one page each: FD02, PT06.')).toBeTruthy();
    // An analyst who is not a manager cannot sign off.
    expect(screen.queryByRole('button', { name: /Sign off/ })).toBeNull();
  });

  it('previews the pack itself in a titled frame, internal or published', async () => {
    serve(sessionFixture, draft);
    renderApp('/briefing');
    const frame = await screen.findByTitle(
      'Briefing pack, 2024-25 Q4, internal version: every page as printed',
    );
    expect(frame.tagName).toBe('IFRAME');
    expect(frame.getAttribute('src')).toBe('/api/briefings/2024-25-Q4.html');
    await userEvent.setup().click(screen.getByLabelText('Published version'));
    const published = await screen.findByTitle(
      'Briefing pack, 2024-25 Q4, published version: every page as printed',
    );
    expect(published.getAttribute('src')).toBe('/api/briefings/2024-25-Q4.html?published=true');
    expect(
      screen
        .getByRole('link', { name: 'Open the published print version in a new tab' })
        .getAttribute('href'),
    ).toBe('/api/briefings/2024-25-Q4.html?published=true');
  });

  it('says how to install Chromium instead of a PDF link when the server has none', async () => {
    serve(sessionFixture, { ...draft, pdfUnavailableReason: 'PDF export needs Chromium on the server.' });
    renderApp('/briefing');
    const lists = await screen.findAllByRole('list', { name: /downloads/ });
    expect(within(lists[0] as HTMLElement).getByText(/PDF export needs Chromium on the server/)).toBeTruthy();
    expect(screen.queryByTestId('download-internal-pdf')).toBeNull();
    expect(screen.getByTestId('download-internal-xlsx')).toBeTruthy();
  });

  it('lets a manager sign off with a note, then withdraw only with a reason', async () => {
    const requests: { method: string; path: string; body: unknown }[] = [];
    serve(adminSessionFixture, draft, requests);
    const user = userEvent.setup();
    renderApp('/briefing');
    await user.type(await screen.findByLabelText('Note (optional)'), 'Agreed on 12 June');
    await user.click(screen.getByRole('button', { name: 'Sign off 2024-25 Q4' }));
    expect(await screen.findByText('Signed off 12 Jun 2025 by Pat Manager')).toBeTruthy();
    expect(requests[0]).toEqual({
      method: 'POST',
      path: '/api/signoffs',
      body: { period: '2024-25 Q4', snapshotId: 'snap-0007', note: 'Agreed on 12 June' },
    });

    await user.click(screen.getByRole('button', { name: 'Withdraw sign-off' }));
    expect(await screen.findByRole('link', { name: 'Enter why the sign-off is withdrawn' })).toBeTruthy();
    expect(requests).toHaveLength(1);
    await user.type(screen.getByLabelText('Why are you withdrawing the sign-off?'), 'PT06 corrected');
    await user.click(screen.getByRole('button', { name: 'Withdraw sign-off' }));
    expect(await screen.findByText(/is not signed off/)).toBeTruthy();
    expect(requests[1]).toEqual({
      method: 'DELETE',
      path: '/api/signoffs/so-1',
      body: { reason: 'PT06 corrected' },
    });
  });
});
