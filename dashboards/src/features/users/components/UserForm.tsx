import type { Role, UserSummary } from '@oscp/contracts';
import { useState, type FormEvent } from 'react';
import { ApiRequestError } from '../../../app/api/http';
import {
  describedBy,
  ErrorSummary,
  FieldErrorMessage,
  type FieldError,
} from '../../../components/forms/ErrorSummary';
import { agencyCodes, agencyLabels, roleLabels } from '../../../components/scorecard-format';
import {
  allRoles,
  maxPasswordLength,
  minPasswordLength,
  roleDescriptions,
  useCreateUser,
  useUpdateUser,
} from '../api/users-api';
import { useSubgroups } from '../../exceptions/api/exceptions-api';
import { PasswordField } from './PasswordField';

// Viewer is not a choice: every account holds it (the API adds it whatever is sent).
const grantableRoles = allRoles.filter((role) => role !== 'viewer');

type Field = 'email' | 'displayName' | 'password' | 'roles' | 'agency' | 'subgroups';
type FieldErrors = Partial<Record<Field, string>>;

const fieldIds: Record<Field, string> = {
  email: 'user-email',
  displayName: 'user-name',
  password: 'user-password',
  // The summary links to the first role that can be changed.
  roles: 'user-role-chair',
  agency: 'user-agency',
  subgroups: 'user-subgroups',
};

/** `roles.2` → `roles`: the API names the array item; the form has one message per field. */
function formField(apiField: string): Field | null {
  const name = apiField.split('.')[0];
  return name && name in fieldIds ? (name as Field) : null;
}

/** The API's 400 as messages by field, and whatever names no field as a message of its own. */
export function apiErrors(error: unknown): { fields: FieldErrors; messages: string[] } {
  if (!(error instanceof ApiRequestError)) {
    return { fields: {}, messages: ['The change could not be sent. Try again.'] };
  }
  const fields: FieldErrors = {};
  const messages: string[] = [];
  for (const problem of error.fields) {
    const field = formField(problem.field);
    if (field) fields[field] ??= problem.message;
    else messages.push(problem.message);
  }
  if (error.fields.length === 0 || messages.length > 0 || Object.keys(fields).length === 0) {
    messages.unshift(error.message);
  }
  return { fields, messages };
}

export type UserFormProps =
  | { mode: 'add'; onDone: (user: UserSummary, password: string) => void; onCancel: () => void }
  | { mode: 'edit'; user: UserSummary; onDone: (user: UserSummary) => void; onCancel: () => void };

/** Add a user (with a first password), or change one's name, roles, agency and subgroups. */
export function UserForm(props: UserFormProps) {
  const existing = props.mode === 'edit' ? props.user : null;
  const create = useCreateUser();
  const update = useUpdateUser();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState(existing?.displayName ?? '');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(existing?.roles ?? ['viewer']);
  const [agency, setAgency] = useState(existing?.agency ?? '');
  const [subgroups, setSubgroups] = useState<string[]>(existing?.subgroups ?? []);
  const subgroupList = useSubgroups();
  // Retired subgroups are offered only to users who still hold them.
  const subgroupOptions = (subgroupList.data ?? []).filter((s) => !s.retired || subgroups.includes(s.id));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [messages, setMessages] = useState<string[]>([]);
  const pending = create.isPending || update.isPending;
  // An agency stored before the code list (or by the command line) stays choosable.
  const agencyOptions: string[] =
    agency && !(agencyCodes as string[]).includes(agency) ? [...agencyCodes, agency] : agencyCodes;

  function toggleRole(role: Role, checked: boolean) {
    const next = checked ? [...roles, role] : roles.filter((r) => r !== role);
    setRoles(allRoles.filter((r) => r === 'viewer' || next.includes(r)));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (props.mode === 'add') {
      if (!email.trim()) found.email = 'Enter an email address';
      else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim()))
        found.email = 'Enter an email address in the correct format, like name@example.org';
      if (password.length < minPasswordLength)
        found.password = `The password must be at least ${minPasswordLength} characters long`;
      else if (password.length > maxPasswordLength)
        found.password = `The password must be at most ${maxPasswordLength} characters long`;
    }
    if (!displayName.trim()) found.displayName = 'Enter a name';
    setErrors(found);
    setMessages([]);
    if (Object.keys(found).length > 0) return;
    const common = {
      displayName: displayName.trim(),
      roles,
      agency: agency || null,
      subgroups,
    };
    try {
      if (props.mode === 'add') {
        const created = await create.mutateAsync({ ...common, email: email.trim(), password });
        props.onDone(created, password);
      } else {
        props.onDone(await update.mutateAsync({ id: props.user.id, change: common }));
      }
    } catch (error) {
      const problems = apiErrors(error);
      setErrors(problems.fields);
      setMessages(problems.messages);
    }
  }

  const summary: FieldError[] = (Object.keys(fieldIds) as Field[])
    .filter((field) => errors[field])
    .map((field) => ({ fieldId: fieldIds[field], message: errors[field] ?? '' }));
  const group = (field: Field) => `govuk-form-group${errors[field] ? ' govuk-form-group--error' : ''}`;

  return (
    <>
      <ErrorSummary errors={summary} messages={messages} headingLevel={3} />
      <form noValidate onSubmit={submit} aria-label={props.mode === 'add' ? 'Add a user' : 'Change the user'}>
        {props.mode === 'add' ? (
          <div className={group('email')}>
            <label className="govuk-label govuk-label--s" htmlFor="user-email">
              Email address
            </label>
            <div className="govuk-hint" id="user-email-hint">
              They sign in with it. It cannot be changed later.
            </div>
            <FieldErrorMessage id="user-email-error" message={errors.email} />
            <input
              className={`govuk-input govuk-!-width-two-thirds${errors.email ? ' govuk-input--error' : ''}`}
              id="user-email"
              name="email"
              type="email"
              autoComplete="off"
              spellCheck={false}
              value={email}
              aria-describedby={describedBy('user-email-hint', errors.email && 'user-email-error')}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
        ) : null}

        <div className={group('displayName')}>
          <label className="govuk-label govuk-label--s" htmlFor="user-name">
            Name
          </label>
          <FieldErrorMessage id="user-name-error" message={errors.displayName} />
          <input
            className={`govuk-input govuk-!-width-two-thirds${errors.displayName ? ' govuk-input--error' : ''}`}
            id="user-name"
            name="displayName"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={displayName}
            aria-describedby={describedBy(errors.displayName && 'user-name-error')}
            onChange={(e) => setDisplayName(e.target.value)}
          />
        </div>

        {props.mode === 'add' ? (
          <PasswordField
            id="user-password"
            label="First password"
            value={password}
            error={errors.password}
            onChange={setPassword}
          />
        ) : null}

        <div className={group('roles')}>
          <fieldset
            className="govuk-fieldset"
            aria-describedby={describedBy('user-roles-hint', errors.roles && 'user-roles-error')}
          >
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Roles</legend>
            <div className="govuk-hint" id="user-roles-hint">
              Every user is a Viewer: scorecards, indicator pages, commentary and accepted exception reports.
              No role includes another: an administrator who also loads data needs Analyst too.
            </div>
            <FieldErrorMessage id="user-roles-error" message={errors.roles} />
            <div className="govuk-checkboxes govuk-checkboxes--small">
              {grantableRoles.map((role) => (
                <div className="govuk-checkboxes__item" key={role}>
                  <input
                    className="govuk-checkboxes__input"
                    id={`user-role-${role}`}
                    name="roles"
                    type="checkbox"
                    value={role}
                    checked={roles.includes(role)}
                    aria-describedby={`user-role-${role}-hint`}
                    onChange={(e) => toggleRole(role, e.target.checked)}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={`user-role-${role}`}>
                    {roleLabels[role]}
                  </label>
                  <div className="govuk-hint govuk-checkboxes__hint" id={`user-role-${role}-hint`}>
                    {roleDescriptions[role]}
                  </div>
                </div>
              ))}
            </div>
          </fieldset>
        </div>

        <div className={group('agency')}>
          <label className="govuk-label govuk-label--s" htmlFor="user-agency">
            Agency
          </label>
          <div className="govuk-hint" id="user-agency-hint">
            Used for "Show my agency" on the scorecard.
          </div>
          <FieldErrorMessage id="user-agency-error" message={errors.agency} />
          <select
            className={`govuk-select${errors.agency ? ' govuk-select--error' : ''}`}
            id="user-agency"
            name="agency"
            value={agency}
            aria-describedby={describedBy('user-agency-hint', errors.agency && 'user-agency-error')}
            onChange={(e) => setAgency(e.target.value)}
          >
            <option value="">No agency</option>
            {agencyOptions.map((code) => (
              <option key={code} value={code}>
                {code in agencyLabels ? `${agencyLabels[code as keyof typeof agencyLabels]} (${code})` : code}
              </option>
            ))}
          </select>
        </div>

        <div className={group('subgroups')}>
          <fieldset
            className="govuk-fieldset"
            aria-describedby={describedBy('user-subgroups-hint', errors.subgroups && 'user-subgroups-error')}
          >
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Subgroups (optional)</legend>
            <div className="govuk-hint" id="user-subgroups-hint">
              A subgroup chair writes the exception reports and commentary of these subgroups' indicators.
            </div>
            <FieldErrorMessage id="user-subgroups-error" message={errors.subgroups} />
            {subgroupList.isError ? (
              <p className="govuk-body">The list of subgroups could not be loaded.</p>
            ) : null}
            <div className="govuk-checkboxes govuk-checkboxes--small">
              {subgroupOptions.map((option, index) => (
                <div className="govuk-checkboxes__item" key={option.id}>
                  <input
                    className="govuk-checkboxes__input"
                    id={index === 0 ? 'user-subgroups' : `user-subgroup-${option.id}`}
                    type="checkbox"
                    checked={subgroups.includes(option.id)}
                    onChange={(e) =>
                      setSubgroups(
                        e.target.checked
                          ? [...subgroups, option.id]
                          : subgroups.filter((id) => id !== option.id),
                      )
                    }
                  />
                  <label
                    className="govuk-label govuk-checkboxes__label"
                    htmlFor={index === 0 ? 'user-subgroups' : `user-subgroup-${option.id}`}
                  >
                    {option.name}
                    {option.retired ? ' (retired)' : ''}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>

        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={pending} aria-disabled={pending}>
            {pending ? 'Saving…' : props.mode === 'add' ? 'Add the user' : 'Save changes'}
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}
