import { EXCEPTION_STATUSES, type ExceptionReportList, type ExceptionStatus } from '@oscp/contracts';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeSignOff, quarterPageApi } from '../../../test-support/fixtures';
import { renderApp, settle, stubFetch, type FakeRoute } from '../../../test-support/render-app';
import type { SignOff } from '@oscp/contracts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const emptyList: ExceptionReportList = {
  items: [],
  total: 0,
  counts: Object.fromEntries(EXCEPTION_STATUSES.map((status) => [status, 0])) as Record<
    ExceptionStatus,
    number
  >,
};

function api(signOffs: SignOff[], asked: string[] = []): FakeRoute {
  return quarterPageApi(signOffs, asked, { '/api/subgroups': [], '/api/exceptions': emptyList });
}

describe('ExceptionsPage and the quarter sign-off', () => {
  it("says who signed the quarter off and when, under the heading, from the quarter's sign-offs", async () => {
    const asked: string[] = [];
    stubFetch(api([makeSignOff()], asked));
    renderApp('/exceptions');
    const line = await screen.findByTestId('signoff-line', {}, { timeout: 5000 });
    expect(line.textContent).toBe('Scorecard for 2024-25 Q4: Signed off 12 Jun 2025 by Pat Manager');
    expect(asked).toContain('?period=2024-25-Q4');
    // A line, not the overview's banner about figures: this page shows none.
    expect(screen.queryByTestId('signoff-banner')).toBeNull();
  });

  it('shows nothing about sign-off when the sign-off of the quarter was withdrawn', async () => {
    const asked: string[] = [];
    stubFetch(
      api(
        [
          makeSignOff({
            withdrawnAt: '2025-06-13T09:00:00.000Z',
            withdrawnBy: 'Pat',
            withdrawnReason: 'Wrong',
          }),
        ],
        asked,
      ),
    );
    renderApp('/exceptions?period=2024-25%20Q4');
    await screen.findByTestId('status-counts', {}, { timeout: 5000 });
    await waitFor(() => expect(asked).toContain('?period=2024-25-Q4'));
    await settle();
    expect(screen.queryByTestId('signoff-line')).toBeNull();
    expect(screen.queryByText(/Signed off/)).toBeNull();
  });
});
