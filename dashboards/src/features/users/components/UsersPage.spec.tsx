import type { Page, UserSummary } from '@oscp/contracts';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminSessionFixture, makeUserSummary, sessionFixture } from '../../../test-support/fixtures';
import { renderApp, stubFetch, type FakeRoute } from '../../../test-support/render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const admin = makeUserSummary();
const pat = makeUserSummary({
  id: '6f1c1f5e-0000-4000-8000-000000000002',
  email: 'pat@example.org',
  displayName: 'Pat Police',
  roles: ['viewer', 'chair'],
  agency: 'POLICE',
  subgroups: ['Front door', 'Neglect'],
  disabled: true,
  lastSignInAt: null,
});
const usersPage: Page<UserSummary> = { items: [admin, pat], total: 2, limit: 25, offset: 0 };

type Answer = { status: number; body: unknown };

function api(
  onWrite: (url: URL, init: RequestInit) => Answer = () => ({ status: 500, body: {} }),
): FakeRoute {
  return (url, init) => {
    if (init?.method && init.method !== 'GET') return onWrite(url, init);
    if (url.pathname === '/api/auth/me') return { status: 200, body: adminSessionFixture };
    if (url.pathname === '/api/users') return { status: 200, body: usersPage };
    return undefined;
  };
}

const bodyOf = (init: RequestInit | undefined): unknown => JSON.parse(String(init?.body));

describe('UsersPage', () => {
  it('opens any user from a link with ?edit=, even one not on the page shown (GET /api/users/:id)', async () => {
    const sam = makeUserSummary({
      id: '6f1c1f5e-0000-4000-8000-000000000099',
      email: 'sam@example.org',
      displayName: 'Sam Somewhere',
      roles: ['viewer'],
    });
    const fetchMock = stubFetch((url, init) => {
      if (url.pathname === `/api/users/${sam.id}`) return { status: 200, body: sam };
      return api()(url, init);
    });
    renderApp(`/admin/users?edit=${sam.id}`);
    expect(await screen.findByRole('heading', { name: 'Change Sam Somewhere' })).toBeTruthy();
    expect(fetchMock.mock.calls.map(([u]) => String(u))).toContain(`/api/users/${sam.id}`);
  });

  it('lists users with roles as tags in words, agency, subgroups, status and last sign-in', async () => {
    stubFetch(api());
    renderApp('/admin/users');
    const table = await screen.findByRole('table', { name: 'Users, by email address' });
    const patRow = within(table)
      .getByRole('rowheader', { name: 'pat@example.org' })
      .closest('tr') as HTMLElement;
    expect(within(patRow).getByText('Pat Police')).toBeTruthy();
    expect(within(patRow).getByText('Viewer')).toBeTruthy();
    expect(within(patRow).getByText('Subgroup chair')).toBeTruthy();
    expect(within(patRow).getByText('Police')).toBeTruthy();
    expect(within(patRow).getByText('Front door, Neglect')).toBeTruthy();
    expect(within(patRow).getByText('Disabled')).toBeTruthy();
    expect(within(patRow).getByText('Never')).toBeTruthy();
    const adminRow = within(table)
      .getByRole('rowheader', { name: 'admin@example.org' })
      .closest('tr') as HTMLElement;
    expect(within(adminRow).getByText('Administrator')).toBeTruthy();
    expect(within(adminRow).getByText('Enabled')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Email address' }).getAttribute('scope')).toBe('col');
  });

  it('sends the search and role filter to the API and keeps them in the URL', async () => {
    const fetchMock = stubFetch(api());
    renderApp('/admin/users');
    await screen.findByRole('table', { name: 'Users, by email address' });
    fireEvent.change(screen.getByLabelText('Name or email contains'), { target: { value: 'pat' } });
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'chair' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await screen.findByRole('table', { name: 'Users matching the filters, by email address' });
    expect(screen.getByTestId('location').textContent).toBe('/admin/users?q=pat&role=chair');
    const asked = fetchMock.mock.calls.map(([u]) => String(u));
    expect(asked).toContain('/api/users?q=pat&role=chair&limit=25&offset=0');
  });

  it("shows the API's 400 field errors in an error summary that links to each field", async () => {
    let sent: RequestInit | undefined;
    stubFetch(
      api((url, init) => {
        sent = init;
        return url.pathname === '/api/users'
          ? {
              status: 400,
              body: {
                statusCode: 400,
                message: 'Some values are not valid.',
                fields: [
                  { field: 'email', message: 'Enter a valid email address.' },
                  { field: 'subgroups.0', message: 'A subgroup name cannot be empty.' },
                ],
              },
            }
          : { status: 500, body: {} };
      }),
    );
    renderApp('/admin/users');
    fireEvent.click(await screen.findByRole('button', { name: 'Add a user' }));
    fireEvent.change(screen.getByLabelText('Email address'), { target: { value: 'sam@localhost' } });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Sam Social' } });
    fireEvent.change(screen.getByLabelText('First password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByLabelText('Analyst'));
    fireEvent.change(screen.getByLabelText('Agency'), { target: { value: 'CSC' } });
    fireEvent.change(screen.getByLabelText('Subgroups (optional)'), {
      target: { value: 'Front door\n\nNeglect' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add the user' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText('There is a problem')).toBeTruthy();
    expect(
      within(summary).getByRole('link', { name: 'Enter a valid email address.' }).getAttribute('href'),
    ).toBe('#user-email');
    expect(
      within(summary).getByRole('link', { name: 'A subgroup name cannot be empty.' }).getAttribute('href'),
    ).toBe('#user-subgroups');
    // The message also sits by its field, which names it.
    expect(screen.getByLabelText('Email address').getAttribute('aria-describedby')).toContain(
      'user-email-error',
    );
    expect(document.getElementById('user-email-error')?.textContent).toContain(
      'Enter a valid email address.',
    );

    expect(new Headers(sent?.headers).get('x-csrf-token')).toBe('csrf-admin');
    expect(bodyOf(sent)).toEqual({
      displayName: 'Sam Social',
      roles: ['viewer', 'analyst'],
      agency: 'CSC',
      subgroups: ['Front door', 'Neglect'],
      email: 'sam@localhost',
      password: 'correct horse battery',
    });
  });

  it('checks the form before sending it: a first password of at least 12 characters', async () => {
    const fetchMock = stubFetch(api());
    renderApp('/admin/users');
    fireEvent.click(await screen.findByRole('button', { name: 'Add a user' }));
    fireEvent.change(screen.getByLabelText('First password'), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add the user' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter an email address' })).toBeTruthy();
    expect(within(summary).getByRole('link', { name: 'Enter a name' })).toBeTruthy();
    expect(
      within(summary).getByRole('link', { name: 'The password must be at least 12 characters long' }),
    ).toBeTruthy();
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
  });

  it('says why when the API refuses to disable the last administrator (409)', async () => {
    const message =
      'You cannot remove the administrator role from, or disable, yourself: it is the only enabled administrator.';
    stubFetch(api(() => ({ status: 409, body: { statusCode: 409, message } })));
    renderApp('/admin/users');
    fireEvent.click(await screen.findByRole('button', { name: 'Change admin@example.org' }));
    fireEvent.click(screen.getByRole('button', { name: 'Disable the account of admin@example.org' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(message)).toBeTruthy();
  });

  it('sets a new password and says what follows: sessions ended, sign in again with it', async () => {
    let sent: { url: URL; init: RequestInit } | undefined;
    stubFetch(
      api((url, init) => {
        sent = { url, init };
        return { status: 204, body: '' };
      }),
    );
    renderApp('/admin/users');
    fireEvent.click(await screen.findByRole('button', { name: 'Change pat@example.org' }));
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'a-new-long-password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set the new password' }));
    const outcome = await screen.findByTestId('password-reset-outcome');
    expect(outcome.textContent).toContain('The password of pat@example.org has been changed.');
    expect(outcome.textContent).toContain('a-new-long-password');
    expect(outcome.textContent).toContain('every session they had has ended');
    expect(sent?.url.pathname).toBe(`/api/users/${pat.id}/password`);
    expect(bodyOf(sent?.init)).toEqual({ password: 'a-new-long-password' });
    expect(new Headers(sent?.init.headers).get('x-csrf-token')).toBe('csrf-admin');
  });

  it('changes roles with PATCH and reports the change', async () => {
    let sent: RequestInit | undefined;
    stubFetch(
      api((_url, init) => {
        sent = init;
        return { status: 200, body: { ...pat, roles: ['viewer', 'chair', 'manager'] } };
      }),
    );
    renderApp('/admin/users');
    fireEvent.click(await screen.findByRole('button', { name: 'Change pat@example.org' }));
    fireEvent.click(screen.getByLabelText('Manager'));
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(screen.getByTestId('user-notice').textContent).toContain('pat@example.org was changed'),
    );
    expect(sent?.method).toBe('PATCH');
    expect(bodyOf(sent)).toMatchObject({ roles: ['viewer', 'chair', 'manager'], agency: 'POLICE' });
  });

  it('tells a user without the admin role that the page is not for them', async () => {
    stubFetch((url) => (url.pathname === '/api/auth/me' ? { status: 200, body: sessionFixture } : undefined));
    renderApp('/admin/users');
    expect(await screen.findByRole('heading', { name: 'You cannot see this page' })).toBeTruthy();
  });
});
