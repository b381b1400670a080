import type { UserSummary } from '@oscp/contracts';
import { useState, type FormEvent } from 'react';
import { ErrorSummary, type FieldError } from '../../../components/forms/ErrorSummary';
import { maxPasswordLength, minPasswordLength, useResetPassword } from '../api/users-api';
import { PasswordField } from './PasswordField';
import { apiErrors } from './UserForm';

/**
 * An administrator's password reset (`POST /api/users/:id/password`, 204): the new password
 * applies at once and every session of that user ends, so they sign in again with it.
 */
export function ResetPasswordForm({ user, isSelf }: { user: UserSummary; isSelf: boolean }) {
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [messages, setMessages] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    setMessages([]);
    const problem =
      password.length < minPasswordLength
        ? `The password must be at least ${minPasswordLength} characters long`
        : password.length > maxPasswordLength
          ? `The password must be at most ${maxPasswordLength} characters long`
          : undefined;
    setError(problem);
    if (problem) return;
    try {
      await reset.mutateAsync({ id: user.id, password });
      setDone(password);
      setPassword('');
    } catch (failure) {
      const problems = apiErrors(failure);
      setError(problems.fields.password);
      setMessages(problems.messages);
    }
  }

  const summary: FieldError[] = error ? [{ fieldId: 'reset-password', message: error }] : [];
  return (
    <>
      {done ? (
        <div className="govuk-inset-text" role="status" data-testid="password-reset-outcome">
          <p className="govuk-body govuk-!-font-weight-bold">
            The password of {user.email} has been changed.
          </p>
          <p className="govuk-body">
            New password: <code className="app-password">{done}</code>
          </p>
          <p className="govuk-body govuk-!-margin-bottom-0">
            Any lockout is cleared and every session they had has ended: they sign in again with the new
            password.
          </p>
        </div>
      ) : null}
      <ErrorSummary errors={summary} messages={messages} headingLevel={3} />
      <form noValidate onSubmit={submit} aria-label={`Set a new password for ${user.email}`}>
        <PasswordField
          id="reset-password"
          label="New password"
          value={password}
          error={error}
          onChange={setPassword}
        />
        {isSelf ? (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              This is your own account: setting a new password signs you out, here and everywhere.
            </strong>
          </div>
        ) : null}
        <button
          type="submit"
          className="govuk-button"
          disabled={reset.isPending}
          aria-disabled={reset.isPending}
        >
          {reset.isPending ? 'Setting the password…' : 'Set the new password'}
        </button>
      </form>
    </>
  );
}
