import type { AuditEntry, Page } from '@oscp/contracts';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminSessionFixture, makeAuditEntry } from '../../../test-support/fixtures';
import { renderApp, stubFetch, type FakeRoute } from '../../../test-support/render-app';
import { auditQueryParams, londonMidnight } from '../api/audit-api';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const entries: Page<AuditEntry> = {
  items: [
    makeAuditEntry(),
    makeAuditEntry({
      id: '40',
      at: '2025-05-01T06:00:00.000Z',
      actorId: null,
      actorEmail: null,
      action: 'run.started',
      target: 'run:r-1',
      detail: {},
      ip: null,
    }),
  ],
  total: 120,
  limit: 50,
  offset: 0,
};

const api: FakeRoute = (url) => {
  if (url.pathname === '/api/auth/me') return { status: 200, body: adminSessionFixture };
  if (url.pathname === '/api/audit') return { status: 200, body: entries };
  return undefined;
};

describe('AuditPage', () => {
  it('shows who did what, to what and from where, newest first, with pages', async () => {
    stubFetch(api);
    renderApp('/admin/audit');
    const table = await screen.findByRole('table', { name: 'Audit entries, newest first' });
    const first = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(within(first).getByText('admin@example.org')).toBeTruthy();
    expect(within(first).getByText('user.created')).toBeTruthy();
    expect(within(first).getByText('10.0.0.7')).toBeTruthy();
    expect(within(first).getByText('email: pat@example.org · roles: viewer, analyst')).toBeTruthy();
    const second = within(table).getAllByRole('row')[2] as HTMLElement;
    expect(within(second).getByText('The system')).toBeTruthy();
    expect(screen.getByText('Showing 1 to 50 of 120 entries')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download all 120 entries (CSV)' }).getAttribute('href')).toBe(
      '/api/audit.csv',
    );
  });

  it('filters by action, actor and dates, and the CSV download carries the same filters', async () => {
    const fetchMock = stubFetch(api);
    renderApp('/admin/audit');
    await screen.findByRole('table', { name: 'Audit entries, newest first' });
    fireEvent.change(screen.getByLabelText('Action starts with'), { target: { value: 'user.' } });
    fireEvent.change(screen.getByLabelText('Who (email address)'), {
      target: { value: 'admin@example.org' },
    });
    fireEvent.change(screen.getByLabelText('From (date)'), { target: { value: '2025-05-01' } });
    fireEvent.change(screen.getByLabelText('To (date)'), { target: { value: '2025-05-31' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    await screen.findByRole('table', { name: 'Audit entries matching the filters, newest first' });
    const query =
      'action=user.&actorEmail=admin%40example.org&from=2025-05-01T00%3A00%3A00%2B01%3A00&to=2025-06-01T00%3A00%3A00%2B01%3A00';
    expect(fetchMock.mock.calls.map(([u]) => String(u))).toContain(`/api/audit?${query}&limit=50&offset=0`);
    expect(screen.getByRole('link', { name: /Download these .* \(CSV\)/ }).getAttribute('href')).toBe(
      `/api/audit.csv?${query}`,
    );
  });
});

describe('audit date filters', () => {
  it('turns UK days into instants: midnight in London, the "to" day included', () => {
    expect(londonMidnight('2025-01-15')).toBe('2025-01-15T00:00:00+00:00');
    expect(londonMidnight('2025-07-01')).toBe('2025-07-01T00:00:00+01:00');
    // The clocks go forward at 01:00 UTC on 30 March 2025: that midnight was still GMT.
    expect(londonMidnight('2025-03-30')).toBe('2025-03-30T00:00:00+00:00');
    // ... and back at 01:00 UTC on 26 October 2025: that midnight was still BST.
    expect(londonMidnight('2025-10-26')).toBe('2025-10-26T00:00:00+01:00');
    expect(auditQueryParams({ to: '2025-12-31' }).to).toBe('2026-01-01T00:00:00+00:00');
  });
});
