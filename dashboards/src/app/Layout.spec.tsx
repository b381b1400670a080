import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminSessionFixture, sessionFixture } from '../test-support/fixtures';
import { renderApp, stubFetch } from '../test-support/render-app';
import type { SessionInfo } from '@oscp/contracts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function signedInAs(session: SessionInfo) {
  stubFetch((url) => (url.pathname === '/api/auth/me' ? { status: 200, body: session } : undefined));
}

async function navLinks(): Promise<string[]> {
  const nav = await screen.findByRole('navigation', { name: 'Main' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent ?? '');
}

describe('service navigation', () => {
  it('shows administrators the Users and Audit log pages', async () => {
    signedInAs(adminSessionFixture);
    renderApp('/no-such-page');
    expect(await navLinks()).toEqual([
      'Scorecard',
      'Exception reports',
      'Briefing pack',
      'Agencies',
      'Partner returns',
      'Data',
      'Users',
      'Manage agencies',
      'Manage subgroups',
      'Audit log',
    ]);
  });

  it('hides Users and Audit log from an analyst who is not an administrator', async () => {
    signedInAs(sessionFixture);
    renderApp('/no-such-page');
    expect(await navLinks()).toEqual([
      'Scorecard',
      'Exception reports',
      'Briefing pack',
      'Agencies',
      'Partner returns',
      'Data',
    ]);
  });

  it('offers an administrator who is not an analyst only what the API lets them use: no Data', async () => {
    signedInAs({ ...adminSessionFixture, user: { ...adminSessionFixture.user, roles: ['viewer', 'admin'] } });
    renderApp('/no-such-page');
    expect(await navLinks()).toEqual([
      'Scorecard',
      'Exception reports',
      'Briefing pack',
      'Agencies',
      'Partner returns',
      'Users',
      'Manage agencies',
      'Manage subgroups',
      'Audit log',
    ]);
  });

  it('shows a viewer the scorecard, exception reports, the briefing pack, agencies and partner returns only', async () => {
    signedInAs({ ...sessionFixture, user: { ...sessionFixture.user, roles: ['viewer'] } });
    renderApp('/no-such-page');
    expect(await navLinks()).toEqual([
      'Scorecard',
      'Exception reports',
      'Briefing pack',
      'Agencies',
      'Partner returns',
    ]);
  });
});
