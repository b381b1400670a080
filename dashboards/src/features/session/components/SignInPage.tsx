import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiRequestError } from '../../../lib/http';
import { ErrorSummary, FieldErrorMessage, type FieldError } from '../../../components/forms/ErrorSummary';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useSession, type SignInLocationState } from '../../../lib/session/session-context';

interface FieldErrors {
  email?: string;
  password?: string;
  form?: string;
}

function safeReturnPath(from: string | undefined): string {
  // Only return inside the app, never to another site or back to sign-in.
  if (!from || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/sign-in')) return '/';
  return from;
}

export function SignInPage() {
  useDocumentTitle('Sign in');
  const { status, signIn } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const state = (location.state ?? {}) as SignInLocationState;
  const returnTo = safeReturnPath(state.from);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);

  if (status === 'signed_in' && !submitting) return <Navigate to={returnTo} replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!email.trim()) found.email = 'Enter your email address';
    if (!password) found.password = 'Enter your password';
    setErrors(found);
    if (found.email || found.password) return;
    setSubmitting(true);
    try {
      await signIn(email.trim(), password);
      navigate(returnTo, { replace: true });
    } catch (error) {
      setSubmitting(false);
      if (error instanceof ApiRequestError && (error.status === 401 || error.status === 400)) {
        setErrors({ form: 'The email address or password is not right. Check them and try again.' });
      } else if (error instanceof ApiRequestError && error.status === 429) {
        setErrors({ form: 'Too many attempts to sign in. Wait a minute, then try again.' });
      } else {
        setErrors({ form: error instanceof Error ? error.message : 'Sign-in failed. Try again.' });
      }
    }
  }

  const fieldIds: Record<keyof FieldErrors, string> = { email: 'email', password: 'password', form: 'email' };
  const summaryErrors: FieldError[] = (Object.keys(fieldIds) as (keyof FieldErrors)[])
    .filter((field) => errors[field])
    .map((field) => ({ fieldId: fieldIds[field], message: errors[field] ?? '' }));

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryErrors} />
        {state.expired ? (
          <div className="govuk-notification-banner" role="region" aria-labelledby="session-ended-title">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title" id="session-ended-title">
                Important
              </h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">
                Your session has ended. Sign in again to go back to the page you were on.
              </p>
            </div>
          </div>
        ) : null}
        {state.signedOut ? (
          <div className="govuk-inset-text" role="status">
            You have signed out.
          </div>
        ) : null}
        <h1 className="govuk-heading-l">Sign in to the OSCP partnership scorecard</h1>
        <form noValidate onSubmit={submit}>
          <div className={`govuk-form-group${errors.email ? ' govuk-form-group--error' : ''}`}>
            <label className="govuk-label" htmlFor="email">
              Email address
            </label>
            <FieldErrorMessage id="email-error" message={errors.email} />
            <input
              className={`govuk-input${errors.email ? ' govuk-input--error' : ''}`}
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              spellCheck={false}
              value={email}
              aria-describedby={errors.email ? 'email-error' : undefined}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className={`govuk-form-group${errors.password ? ' govuk-form-group--error' : ''}`}>
            <label className="govuk-label" htmlFor="password">
              Password
            </label>
            <FieldErrorMessage id="password-error" message={errors.password} />
            <input
              className={`govuk-input govuk-!-width-two-thirds${errors.password ? ' govuk-input--error' : ''}`}
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              aria-describedby={errors.password ? 'password-error' : undefined}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <button type="submit" className="govuk-button" disabled={submitting} aria-disabled={submitting}>
            {submitting ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="govuk-body-s">
          Ask your partnership's performance team for an account. Children appear in this service only as
          pseudonymised IDs.
        </p>
      </div>
    </div>
  );
}
