import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { LoadingState } from '../components/states/PageStates';
import { isAdmin, isAnalyst, useSession, type SignInLocationState } from '../lib/session/session-context';

/** Pages behind sign-in: send a visitor to sign in, then back to the page they asked for. */
export function RequireSession({
  children,
  analystOnly = false,
  adminOnly = false,
}: {
  children: ReactNode;
  analystOnly?: boolean;
  adminOnly?: boolean;
}) {
  const { status, user, expired } = useSession();
  const location = useLocation();
  if (status === 'checking') return <LoadingState what="your session" />;
  if (status === 'signed_out') {
    const state: SignInLocationState = { from: `${location.pathname}${location.search}`, expired };
    return <Navigate to="/sign-in" replace state={state} />;
  }
  if (analystOnly && !isAnalyst(user)) {
    return (
      <>
        <h1 className="govuk-heading-l">You cannot see this page</h1>
        <p className="govuk-body">Only analysts can load data and see the pipeline's runs.</p>
      </>
    );
  }
  if (adminOnly && !isAdmin(user)) {
    return (
      <>
        <h1 className="govuk-heading-l">You cannot see this page</h1>
        <p className="govuk-body">Only administrators can manage users and read the audit log.</p>
      </>
    );
  }
  return <>{children}</>;
}
