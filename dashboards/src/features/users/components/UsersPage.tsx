import type { Role, UserSummary } from '@oscp/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../../app/use-document-title';
import { agencyLabels, formatDateTime, roleLabels } from '../../../components/scorecard-format';
import { ErrorState, LoadingState } from '../../../components/states/PageStates';
import { DataTable, type Column } from '../../../components/tables/DataTable';
import { Pagination } from '../../../components/tables/Pagination';
import { useSession } from '../../session/api/session-context';
import { allRoles, useUser, useUsers, type UsersFilter } from '../api/users-api';
import { AccountStatusForm } from './AccountStatusForm';
import { ResetPasswordForm } from './ResetPasswordForm';
import { UserForm } from './UserForm';
import { AccountStatusTag, RoleTags } from './user-tags';
import { FilterActions } from '../../../components/forms/FilterActions';
import { FilterDisclosure } from '../../../components/forms/FilterDisclosure';

const pageSize = 25;

type StatusFilter = '' | 'enabled' | 'disabled';
type Panel = { kind: 'add' } | { kind: 'edit'; user: UserSummary } | null;

function isRole(value: string | null): value is Role {
  return value !== null && (allRoles as string[]).includes(value);
}

/** Filters live in the URL, so a link reopens the same list. */
function filterFrom(params: URLSearchParams): UsersFilter & { status: StatusFilter } {
  const role = params.get('role');
  const status = params.get('status');
  const q = params.get('q')?.trim();
  return {
    q: q || undefined,
    role: isRole(role) ? role : undefined,
    status: status === 'enabled' || status === 'disabled' ? status : '',
    disabled: status === 'enabled' ? false : status === 'disabled' ? true : undefined,
  };
}

function agencyName(agency: string | null): string {
  if (!agency) return 'None';
  return agency in agencyLabels ? agencyLabels[agency as keyof typeof agencyLabels] : agency;
}

export function UsersPage() {
  useDocumentTitle('Users');
  const { user: me } = useSession();
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const [offset, setOffset] = useState(0);
  const [panel, setPanel] = useState<Panel>(null);
  const [notice, setNotice] = useState<{ title: string; body: string } | null>(null);
  const users = useUsers(filter, pageSize, offset);
  // `?edit=<id>` opens any user's form, wherever they are in the list (GET /api/users/:id).
  const editId = params.get('edit');
  const linked = useUser(panel === null ? editId : null);
  useEffect(() => {
    if (linked.data && panel === null && editId === linked.data.id)
      setPanel({ kind: 'edit', user: linked.data });
  }, [linked.data, panel, editId]);
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  // Opening a form moves the focus to it; a success notice takes the focus when it appears.
  const panelKey = panel ? (panel.kind === 'add' ? 'add' : panel.user.id) : '';
  useEffect(() => {
    if (panelKey) panelHeading.current?.focus();
  }, [panelKey]);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of ['q', 'role', 'status']) {
      const value = String(form.get(key) ?? '').trim();
      if (value) next.set(key, value);
    }
    setParams(next);
    setOffset(0);
  }

  function setEditParam(id: string | null) {
    const next = new URLSearchParams(params);
    if (id) next.set('edit', id);
    else next.delete('edit');
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }

  function openEdit(user: UserSummary) {
    setNotice(null);
    setPanel({ kind: 'edit', user });
    setEditParam(user.id);
  }

  function finishPanel() {
    setPanel(null);
    setEditParam(null);
  }

  function closePanel() {
    finishPanel();
    addButton.current?.focus();
  }

  const columns: Column<UserSummary>[] = [
    { key: 'email', header: 'Email address', rowHeader: true, cell: (u) => u.email },
    { key: 'name', header: 'Name', cell: (u) => u.displayName },
    { key: 'roles', header: 'Roles', cell: (u) => <RoleTags roles={u.roles} /> },
    { key: 'agency', header: 'Agency', cell: (u) => agencyName(u.agency) },
    {
      key: 'subgroups',
      header: 'Subgroups',
      cell: (u) => (u.subgroups.length ? u.subgroups.join(', ') : 'None'),
    },
    { key: 'status', header: 'Status', cell: (u) => <AccountStatusTag user={u} /> },
    {
      key: 'signIn',
      header: 'Last signed in',
      cell: (u) =>
        u.lastSignInAt ? <time dateTime={u.lastSignInAt}>{formatDateTime(u.lastSignInAt)}</time> : 'Never',
    },
    {
      key: 'change',
      header: <span className="govuk-visually-hidden">Actions</span>,
      cell: (u) => (
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          onClick={() => openEdit(u)}
        >
          Change<span className="govuk-visually-hidden"> {u.email}</span>
        </button>
      ),
    },
  ];

  const filtered = !!(filter.q || filter.role || filter.status);

  return (
    <>
      <h1 className="govuk-heading-l">Users</h1>
      {notice ? (
        <div
          className="govuk-notification-banner govuk-notification-banner--success"
          role="alert"
          aria-labelledby="user-notice-title"
          ref={noticeRef}
          tabIndex={-1}
          data-testid="user-notice"
        >
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="user-notice-title">
              Success
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">{notice.title}</p>
            <p className="govuk-body">{notice.body}</p>
          </div>
        </div>
      ) : null}
      <p className="govuk-body">
        Who may sign in, with which roles. Accounts are disabled, never deleted, so the audit log keeps who
        did what.
      </p>

      {panel === null ? (
        <button
          type="button"
          className="govuk-button"
          ref={addButton}
          onClick={() => {
            setNotice(null);
            setPanel({ kind: 'add' });
          }}
        >
          Add a user
        </button>
      ) : (
        <section className="app-panel" aria-labelledby="user-panel-heading">
          <h2
            className="govuk-heading-m app-panel__heading"
            id="user-panel-heading"
            ref={panelHeading}
            tabIndex={-1}
          >
            {panel.kind === 'add' ? 'Add a user' : `Change ${panel.user.displayName}`}
          </h2>
          {panel.kind === 'add' ? (
            <UserForm
              mode="add"
              onCancel={closePanel}
              onDone={(created) => {
                setPanel(null);
                setNotice({
                  title: `${created.email} was added`,
                  body: 'Give them their first password in person or by phone. They can sign in now.',
                });
              }}
            />
          ) : (
            <>
              <p className="govuk-body">{panel.user.email}</p>
              <UserForm
                key={panel.user.id}
                mode="edit"
                user={panel.user}
                onCancel={closePanel}
                onDone={(changed) => {
                  finishPanel();
                  setNotice({
                    title: `${changed.email} was changed`,
                    body: 'New roles apply from their next request.',
                  });
                }}
              />
              <h3 className="govuk-heading-s">Set a new password</h3>
              <ResetPasswordForm
                key={`password-${panel.user.id}`}
                user={panel.user}
                isSelf={panel.user.id === me?.id}
              />
              <h3 className="govuk-heading-s">
                {panel.user.disabled ? 'Enable the account' : 'Disable the account'}
              </h3>
              <AccountStatusForm
                key={`status-${panel.user.id}`}
                user={panel.user}
                onChanged={(changed) => {
                  finishPanel();
                  setNotice({
                    title: `${changed.email} was ${changed.disabled ? 'disabled' : 'enabled'}`,
                    body: changed.disabled
                      ? 'Their sessions have ended and they cannot sign in.'
                      : 'They can sign in again with their password.',
                  });
                }}
              />
            </>
          )}
        </section>
      )}

      {editId && panel === null && linked.isError ? (
        <ErrorState what="user" error={linked.error} onRetry={() => void linked.refetch()} />
      ) : null}

      <h2 className="govuk-heading-m">Accounts</h2>
      <FilterDisclosure>
        <form
          className="app-filters"
          aria-label="Filter users"
          onSubmit={applyFilters}
          key={params.toString()}
        >
          <div className="govuk-form-group app-filters__group">
            <label className="govuk-label govuk-label--s" htmlFor="users-q">
              Name or email contains
            </label>
            <input
              className="govuk-input govuk-input--width-20"
              id="users-q"
              name="q"
              type="search"
              spellCheck={false}
              defaultValue={filter.q ?? ''}
            />
          </div>
          <div className="govuk-form-group app-filters__group">
            <label className="govuk-label govuk-label--s" htmlFor="users-role">
              Role
            </label>
            <select className="govuk-select" id="users-role" name="role" defaultValue={filter.role ?? ''}>
              <option value="">All roles</option>
              {allRoles.map((role) => (
                <option key={role} value={role}>
                  {roleLabels[role]}
                </option>
              ))}
            </select>
          </div>
          <div className="govuk-form-group app-filters__group">
            <label className="govuk-label govuk-label--s" htmlFor="users-status">
              Status
            </label>
            <select className="govuk-select" id="users-status" name="status" defaultValue={filter.status}>
              <option value="">Enabled and disabled</option>
              <option value="enabled">Enabled</option>
              <option value="disabled">Disabled</option>
            </select>
          </div>
          <FilterActions
            submitLabel="Search"
            filtered={filtered}
            onClear={() => {
              setParams(new URLSearchParams());
              setOffset(0);
            }}
          />
        </form>
      </FilterDisclosure>

      {users.isPending ? (
        <LoadingState what="the users" />
      ) : users.isError ? (
        <ErrorState what="users" error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <>
          <DataTable
            caption={filtered ? 'Users matching the filters, by email address' : 'Users, by email address'}
            columns={columns}
            rows={users.data.items}
            rowKey={(u) => u.id}
            emptyMessage={filtered ? 'No users match these filters.' : 'No users yet.'}
          />
          <Pagination
            total={users.data.total}
            limit={pageSize}
            offset={offset}
            onChange={setOffset}
            label="users"
          />
        </>
      )}
    </>
  );
}
