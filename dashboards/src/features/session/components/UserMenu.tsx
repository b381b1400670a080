import { roleLabels } from '../../../components/scorecard-format';
import { useSession } from '../../../lib/session/session-context';

/** Who is signed in, with which roles, and the way out. A native disclosure: works by keyboard. */
export function UserMenu() {
  const { user, signOut } = useSession();
  if (!user) return null;
  return (
    <details className="app-user-menu">
      <summary className="app-user-menu__summary">
        <span className="govuk-visually-hidden">Signed in as </span>
        {user.displayName}
      </summary>
      <div className="app-user-menu__panel">
        <p className="govuk-body-s govuk-!-margin-bottom-1">
          <strong>{user.displayName}</strong>
        </p>
        <p className="govuk-body-s govuk-!-margin-bottom-1">{user.email}</p>
        <p className="govuk-body-s govuk-!-margin-bottom-2">
          Roles: {user.roles.map((role) => roleLabels[role] ?? role).join(', ') || 'none'}
          {user.agency ? <> · Agency: {user.agency}</> : null}
        </p>
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          onClick={() => void signOut()}
        >
          Sign out
        </button>
      </div>
    </details>
  );
}
