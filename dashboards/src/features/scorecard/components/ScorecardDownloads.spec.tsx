import type { Scorecard, SessionInfo } from '@oscp/contracts';
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  makeSignOff,
  periodListFixture,
  scorecardFixture,
  sessionFixture,
} from '../../../test-support/fixtures';
import { renderApp, stubFetch, type FakeRoute } from '../../../test-support/render-app';
import { mayDownloadScorecard } from './ScorecardDownloads';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const viewerSession: SessionInfo = {
  ...sessionFixture,
  user: { ...sessionFixture.user, roles: ['viewer'] },
};

function api(scorecard: Scorecard, session: SessionInfo = sessionFixture): FakeRoute {
  return (url) => {
    switch (url.pathname) {
      case '/api/auth/me':
        return { status: 200, body: session };
      case '/api/periods':
        return { status: 200, body: periodListFixture };
      case '/api/scorecard':
        return { status: 200, body: scorecard };
      case '/api/snapshots':
        return { status: 200, body: { items: [], total: 0, limit: 50, offset: 0 } };
      default:
        return undefined;
    }
  };
}

describe('"Download this scorecard" on the overview', () => {
  it('links the CSV and Excel files of the quarter shown, internal and published, saying what each holds', async () => {
    stubFetch(api(scorecardFixture, viewerSession));
    renderApp('/');
    const section = await screen.findByRole('region', { name: 'Download this scorecard' }, { timeout: 5000 });
    const links = within(section).getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Download the internal scorecard, 2024-25 Q4 (CSV)', '/api/exports/scorecard.csv?period=2024-25-Q4'],
      [
        'Download the internal scorecard, 2024-25 Q4 (Excel spreadsheet, XLSX)',
        '/api/exports/scorecard.xlsx?period=2024-25-Q4',
      ],
      [
        'Download the published scorecard, 2024-25 Q4 (CSV)',
        '/api/exports/scorecard.csv?period=2024-25-Q4&published=true',
      ],
      [
        'Download the published scorecard, 2024-25 Q4 (Excel spreadsheet, XLSX)',
        '/api/exports/scorecard.xlsx?period=2024-25-Q4&published=true',
      ],
    ]);
    for (const link of links) expect(link.hasAttribute('download')).toBe(true);
    expect(section.textContent).toContain('every figure, and the quarter’s commentary');
    expect(section.textContent).toContain(
      'leaves out the commentary, and shows small numbers (1 to 5) and figures built on them as [c]',
    );
    // Not printed: links are no use on paper.
    expect(section.classList.contains('app-no-print')).toBe(true);
    // The files are the figures this page shows: nothing to warn about.
    expect(screen.queryByTestId('scorecard-downloads-figures')).toBeNull();
  });

  it('asks for the quarter the overview shows', async () => {
    stubFetch(api({ ...scorecardFixture, period: '2024-25 Q3' }));
    renderApp('/?period=2024-25%20Q3');
    const link = await screen.findByTestId('scorecard-download-internal-csv', {}, { timeout: 5000 });
    expect(link.getAttribute('href')).toBe('/api/exports/scorecard.csv?period=2024-25-Q3');
  });

  it('says the files hold the current figures when the page shows the signed-off figures of an earlier snapshot', async () => {
    const signedOff: Scorecard = {
      ...scorecardFixture,
      snapshotId: 'snap-0006',
      signOffState: {
        signOff: makeSignOff({ snapshotId: 'snap-0006' }),
        figures: 'signed_off',
        revisions: [],
      },
    };
    stubFetch(api(signedOff));
    renderApp('/');
    const note = await screen.findByTestId('scorecard-downloads-figures', {}, { timeout: 5000 });
    expect(note.textContent).toContain(
      'The files hold the current figures for 2024-25 Q4, not the figures on this page.',
    );
    expect(within(note).getByRole('link', { name: 'briefing pack' }).getAttribute('href')).toBe(
      '/briefing?period=2024-25%20Q4',
    );
  });

  it('is offered to every role the export routes allow: every signed-in user', () => {
    expect(mayDownloadScorecard(viewerSession.user)).toBe(true);
    expect(mayDownloadScorecard(sessionFixture.user)).toBe(true);
    expect(mayDownloadScorecard(null)).toBe(false);
  });
});
