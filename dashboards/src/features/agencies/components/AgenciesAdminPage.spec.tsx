import type { Agency } from '@oscp/contracts';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminSessionFixture } from '../../../test-support/fixtures';
import { renderApp, stubFetch } from '../../../test-support/render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const police: Agency = {
  code: 'POLICE',
  name: 'Police',
  type: 'police',
  returnDueWorkingDays: 20,
  contactEmail: null,
  retired: false,
};

describe('AgenciesAdminPage', () => {
  it('checks the form, then sends only the agency change with the CSRF token', async () => {
    const sent: { body: unknown; csrf: string | null }[] = [];
    stubFetch((url, init) => {
      if (url.pathname === '/api/auth/me') return { status: 200, body: adminSessionFixture };
      if (url.pathname === '/api/agencies' && (!init?.method || init.method === 'GET'))
        return { status: 200, body: [police] };
      if (url.pathname === '/api/agencies/POLICE' && init?.method === 'PATCH') {
        const headers = new Headers(init.headers);
        sent.push({ body: JSON.parse(String(init.body)), csrf: headers.get('x-csrf-token') });
        return { status: 200, body: { ...police, returnDueWorkingDays: 25 } };
      }
      return undefined;
    });
    renderApp('/admin/agencies');
    const table = await screen.findByRole('table', { name: 'Agencies, by code' });
    fireEvent.click(within(table).getByRole('button', { name: 'Change POLICE' }));
    const form = screen.getByRole('form', { name: 'Change POLICE' });
    fireEvent.change(within(form).getByLabelText(/Partner return due/), { target: { value: 'lots' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save POLICE' }));
    expect(
      (await screen.findAllByText('Enter the due days as a whole number from 0 to 120')).length,
    ).toBeGreaterThan(0);
    expect(sent).toEqual([]);

    fireEvent.change(within(form).getByLabelText(/Partner return due/), { target: { value: '25' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save POLICE' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.body).toEqual({
      name: 'Police',
      returnDueWorkingDays: 25,
      contactEmail: null,
      retired: false,
    });
    expect(sent[0]?.csrf).toBeTruthy();
    expect(await screen.findByText('POLICE was saved.')).toBeTruthy();
  });
});
