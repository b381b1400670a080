import type { UserSummary } from '@oscp/contracts';
import { useState } from 'react';
import { ErrorSummary } from '../../../components/forms/ErrorSummary';
import { useUpdateUser } from '../api/users-api';
import { apiErrors } from './UserForm';

/** Disable or enable an account. Users are never deleted, so the audit log keeps its actors. */
export function AccountStatusForm({
  user,
  onChanged,
}: {
  user: UserSummary;
  onChanged: (user: UserSummary) => void;
}) {
  const update = useUpdateUser();
  const [messages, setMessages] = useState<string[]>([]);

  async function toggle() {
    setMessages([]);
    try {
      onChanged(await update.mutateAsync({ id: user.id, change: { disabled: !user.disabled } }));
    } catch (error) {
      // A 409: the last enabled administrator cannot be disabled.
      setMessages(apiErrors(error).messages);
    }
  }

  return (
    <>
      <ErrorSummary errors={[]} messages={messages} headingLevel={3} />
      <p className="govuk-body">
        {user.disabled
          ? 'This account is disabled: it cannot sign in. Enabling it lets the user sign in again with their password.'
          : 'Disabling the account ends its sessions at once, and it cannot sign in until it is enabled again. Its audit history stays.'}
      </p>
      <button
        type="button"
        className={`govuk-button${user.disabled ? ' govuk-button--secondary' : ' govuk-button--warning'}`}
        disabled={update.isPending}
        aria-disabled={update.isPending}
        onClick={() => void toggle()}
      >
        {user.disabled ? 'Enable the account' : 'Disable the account'}
        <span className="govuk-visually-hidden"> of {user.email}</span>
      </button>
    </>
  );
}
