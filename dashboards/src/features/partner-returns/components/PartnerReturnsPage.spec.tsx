import type { PartnerReturnsTracker, SignOff } from '@oscp/contracts';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeSignOff, quarterPageApi } from '../../../test-support/fixtures';
import { renderApp, settle, stubFetch, type FakeRoute } from '../../../test-support/render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const tracker: PartnerReturnsTracker = {
  snapshotId: 'snap-0007',
  asOf: '2025-05-01',
  period: '2024-25 Q4',
  returns: [
    {
      period: '2024-25 Q4',
      agency: 'POLICE',
      agencyName: 'Police',
      indicatorCode: 'FD01',
      indicatorTitle: 'Contacts',
      dueDate: '2025-04-29',
      status: 'received_on_time',
      receivedOn: '2025-04-20',
      workingDaysOverdue: 0,
      submissionId: null,
      fileName: null,
      uploader: null,
    },
  ],
  matrix: [],
};

function api(signOffs: SignOff[], asked: string[]): FakeRoute {
  return quarterPageApi(signOffs, asked, {
    '/api/partner-returns': tracker,
    '/api/partner-returns/reminders': [],
  });
}

describe('PartnerReturnsPage and the quarter sign-off', () => {
  it('says who signed the quarter shown off, beside its returns', async () => {
    const asked: string[] = [];
    stubFetch(api([makeSignOff()], asked));
    renderApp('/partner-returns');
    const line = await screen.findByTestId('signoff-line', {}, { timeout: 5000 });
    expect(line.textContent).toBe('Scorecard for 2024-25 Q4: Signed off 12 Jun 2025 by Pat Manager');
    expect(asked).toEqual(['?period=2024-25-Q4']);
    expect(screen.getByRole('table', { name: 'Returns for 2024-25 Q4' })).toBeTruthy();
  });

  it('shows no sign-off line for a quarter that is not signed off', async () => {
    const asked: string[] = [];
    stubFetch(api([makeSignOff({ period: '2024-25 Q3' })], asked));
    renderApp('/partner-returns');
    await screen.findByRole('table', { name: 'Returns for 2024-25 Q4' }, { timeout: 5000 });
    await waitFor(() => expect(asked).toEqual(['?period=2024-25-Q4']));
    await settle();
    expect(screen.queryByTestId('signoff-line')).toBeNull();
  });
});
