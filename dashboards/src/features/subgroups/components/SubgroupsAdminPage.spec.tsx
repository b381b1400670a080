import type { CatalogueIndicator, Subgroup } from '@oscp/contracts';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminSessionFixture } from '../../../test-support/fixtures';
import { renderApp, stubFetch } from '../../../test-support/render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const catalogue: CatalogueIndicator[] = [
  { code: 'FD01', title: 'Contacts received', theme: 'front_door' },
  { code: 'FD02', title: 'Contacts with a MASH decision within 1 working day', theme: 'front_door' },
  { code: 'NG01', title: 'Children on a plan for neglect', theme: 'neglect' },
];

const performance: Subgroup = {
  id: 'performance-co-ordination',
  name: 'Performance Co-ordination',
  indicatorCodes: ['FD01', 'FD02'],
  retired: false,
};

interface Sent {
  method: string;
  path: string;
  body: unknown;
  csrf: string | null;
}

function serve(answer: (sent: Sent) => { status: number; body: unknown }) {
  const sent: Sent[] = [];
  stubFetch((url, init) => {
    if (url.pathname === '/api/auth/me') return { status: 200, body: adminSessionFixture };
    if (url.pathname === '/api/indicators') return { status: 200, body: catalogue };
    const method = init?.method ?? 'GET';
    if (url.pathname === '/api/subgroups' && method === 'GET') return { status: 200, body: [performance] };
    if (url.pathname.startsWith('/api/subgroups') && method !== 'GET') {
      const request: Sent = {
        method,
        path: url.pathname,
        body: JSON.parse(String(init?.body)),
        csrf: new Headers(init?.headers).get('x-csrf-token'),
      };
      sent.push(request);
      return answer(request);
    }
    return undefined;
  });
  return sent;
}

describe('SubgroupsAdminPage', () => {
  it('lists subgroups with the indicators they own and whether they are in use', async () => {
    serve(() => ({ status: 500, body: {} }));
    renderApp('/admin/subgroups');
    const table = await screen.findByRole('table', { name: 'Subgroups, by name' });
    const row = within(table).getByRole('row', { name: /Performance Co-ordination/ });
    expect(within(row).getByText('FD01, FD02')).toBeTruthy();
    expect(within(row).getByText('In use')).toBeTruthy();
  });

  it('refuses an empty name before sending, and ties a name another subgroup has to the name field', async () => {
    const sent = serve(() => ({
      status: 409,
      body: { statusCode: 409, message: 'A subgroup called Performance Co-ordination exists already.' },
    }));
    renderApp('/admin/subgroups');
    fireEvent.click(await screen.findByRole('button', { name: 'Add a subgroup' }));
    const form = screen.getByRole('form', { name: 'Add a subgroup' });
    fireEvent.click(within(form).getByRole('button', { name: 'Add the subgroup' }));
    const summaryLink = await screen.findByRole('link', { name: 'Enter the subgroup name' });
    expect(summaryLink.getAttribute('href')).toBe('#subgroup-name');
    expect(sent).toEqual([]);

    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'performance co-ordination' } });
    fireEvent.click(within(form).getByLabelText('NG01 Children on a plan for neglect'));
    fireEvent.click(within(form).getByRole('button', { name: 'Add the subgroup' }));
    const clash = await screen.findByRole('link', {
      name: 'A subgroup called Performance Co-ordination exists already.',
    });
    expect(clash.getAttribute('href')).toBe('#subgroup-name');
    expect(within(form).getByLabelText('Name').getAttribute('aria-describedby')).toContain(
      'subgroup-name-error',
    );
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/api/subgroups',
        body: { name: 'performance co-ordination', indicatorCodes: ['NG01'] },
        csrf: adminSessionFixture.csrfToken,
      },
    ]);
  });

  it('renames, reassigns and retires a subgroup in one change', async () => {
    const sent = serve(() => ({
      status: 200,
      body: { ...performance, name: 'Performance and Quality', indicatorCodes: ['FD02'], retired: true },
    }));
    renderApp('/admin/subgroups');
    fireEvent.click(await screen.findByRole('button', { name: 'Change Performance Co-ordination' }));
    const form = screen.getByRole('form', { name: 'Change Performance Co-ordination' });
    expect((within(form).getByLabelText('FD01 Contacts received') as HTMLInputElement).checked).toBe(true);
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: ' Performance and Quality ' } });
    fireEvent.click(within(form).getByLabelText('FD01 Contacts received'));
    fireEvent.click(within(form).getByLabelText('Retired'));
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({
      method: 'PATCH',
      path: '/api/subgroups/performance-co-ordination',
      body: { name: 'Performance and Quality', indicatorCodes: ['FD02'], retired: true },
    });
    expect((await screen.findByTestId('subgroup-notice')).textContent).toBe(
      'Performance and Quality was saved.',
    );
  });
});
