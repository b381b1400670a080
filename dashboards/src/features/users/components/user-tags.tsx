import type { Role, UserSummary } from '@oscp/contracts';
import { roleLabels } from '../../../components/scorecard-format';

// Each role its own colour, but the word is what carries the meaning.
const roleTagClass: Record<Role, string> = {
  viewer: 'govuk-tag--grey',
  chair: 'govuk-tag--turquoise',
  manager: 'govuk-tag--green',
  analyst: 'govuk-tag--blue',
  admin: 'govuk-tag--purple',
};

export function RoleTags({ roles }: { roles: Role[] }) {
  return (
    <ul className="app-tag-list">
      {roles.map((role) => (
        <li key={role}>
          <strong className={`govuk-tag ${roleTagClass[role] ?? 'govuk-tag--grey'} app-tag`}>
            {roleLabels[role] ?? role}
          </strong>
        </li>
      ))}
    </ul>
  );
}

export function AccountStatusTag({ user }: { user: Pick<UserSummary, 'disabled'> }) {
  return user.disabled ? (
    <strong className="govuk-tag govuk-tag--grey app-tag">Disabled</strong>
  ) : (
    <strong className="govuk-tag govuk-tag--green app-tag">Enabled</strong>
  );
}
