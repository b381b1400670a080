import type { Scorecard, SignOffState } from '@oscp/contracts';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  makeSignOff,
  periodListFixture,
  scorecardFixture,
  sessionFixture,
} from '../../../test-support/fixtures';
import { renderApp, stubFetch } from '../../../test-support/render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const code = scorecardFixture.indicators[0]?.code ?? 'FD01';

function signedOff(figures: 'signed_off' | 'latest'): Scorecard {
  const state: SignOffState = {
    signOff: makeSignOff({ id: 'so-1', snapshotId: 'snap-0006' }),
    figures,
    revisions: [
      {
        code,
        title: 'Revised indicator',
        signedOff: { display: '41.0', rag: 'green', exception: false },
        latest: { display: '43.2', rag: 'amber', exception: false },
        latestSnapshotId: 'snap-0007',
        revisedAt: '2025-06-20T01:00:00.000Z',
      },
    ],
  };
  return { ...scorecardFixture, signOffState: state };
}

describe('a signed-off quarter on the overview', () => {
  it('says who signed it off, marks the revised indicator with both values, and lets an analyst switch to the latest figures', async () => {
    const asked: string[] = [];
    stubFetch((url) => {
      if (url.pathname === '/api/auth/me') return { status: 200, body: sessionFixture };
      if (url.pathname === '/api/periods') return { status: 200, body: periodListFixture };
      if (url.pathname === '/api/scorecard') {
        asked.push(url.search);
        return {
          status: 200,
          body: signedOff(url.searchParams.get('figures') === 'latest' ? 'latest' : 'signed_off'),
        };
      }
      if (url.pathname === '/api/snapshots')
        return { status: 200, body: { items: [], total: 0, limit: 50, offset: 0 } };
      return undefined;
    });
    renderApp('/');
    const banner = await screen.findByTestId('signoff-banner');
    expect(banner.textContent).toContain('Signed off 12 Jun 2025 by Pat Manager');
    expect(banner.textContent).toContain('These are the signed-off figures.');
    expect(banner.textContent).toContain(`Newer figures differ for 1 indicator`);
    // The table row and the phone card both carry it.
    const notes = screen.getAllByTestId(`revised-${code}`);
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes)
      expect(note.textContent).toBe('Revised signed off 41.0, latest 43.2 (20 Jun 2025)');

    fireEvent.click(screen.getByRole('button', { name: 'Show the latest figures' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/?figures=latest'));
    await waitFor(() => expect(asked.at(-1)).toContain('figures=latest'));
    expect((await screen.findByTestId('signoff-banner')).textContent).toContain(
      'You are looking at the latest figures',
    );
  });
});
