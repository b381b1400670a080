import type { Agency, AgencyView, SignOff } from '@oscp/contracts';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeIndicator, makeSignOff, quarterPageApi } from '../../../test-support/fixtures';
import { renderApp, settle, stubFetch, type FakeRoute } from '../../../test-support/render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const earlyHelp: Agency = {
  code: 'EARLY_HELP',
  name: 'Early Help',
  type: 'local_authority',
  returnDueWorkingDays: 20,
  contactEmail: null,
  retired: false,
};

const view: AgencyView = {
  agency: earlyHelp,
  period: '2024-25 Q4',
  previousPeriod: '2024-25 Q3',
  snapshotId: 'snap-0007',
  owned: [makeIndicator({ code: 'EH01', owner: 'EARLY_HELP' })],
  contributions: [],
  returns: [],
  overdueActions: [],
  summary: [],
};

function api(signOffs: SignOff[], asked: string[]): FakeRoute {
  return quarterPageApi(signOffs, asked, {
    '/api/agencies': [earlyHelp],
    '/api/agencies/EARLY_HELP/view': view,
  });
}

describe('AgencyPage and the quarter sign-off', () => {
  it('says who signed the quarter off when the agency view shows the signed-off figures', async () => {
    const asked: string[] = [];
    stubFetch(api([makeSignOff({ snapshotId: 'snap-0007' })], asked));
    renderApp('/agencies');
    const line = await screen.findByTestId('signoff-line', {}, { timeout: 5000 });
    expect(line.textContent).toBe('Scorecard for 2024-25 Q4: Signed off 12 Jun 2025 by Pat Manager');
    expect(asked).toEqual(['?period=2024-25-Q4']);
  });

  it('says when its figures come from a later run than the signed-off ones', async () => {
    stubFetch(api([makeSignOff({ snapshotId: 'snap-0005' })], []));
    renderApp('/agencies');
    const line = await screen.findByTestId('signoff-line', {}, { timeout: 5000 });
    expect(line.textContent).toContain('Signed off 12 Jun 2025 by Pat Manager');
    expect(line.textContent).toContain(
      'The figures on this page come from a later data run than the signed-off ones; the overview shows the signed-off figures.',
    );
  });

  it('shows no sign-off line for a quarter that is not signed off', async () => {
    const asked: string[] = [];
    stubFetch(api([], asked));
    renderApp('/agencies');
    await screen.findByRole('table', { name: 'Indicators Early Help owns, 2024-25 Q4' }, { timeout: 5000 });
    await waitFor(() => expect(asked).toEqual(['?period=2024-25-Q4']));
    await settle();
    expect(screen.queryByTestId('signoff-line')).toBeNull();
  });
});
