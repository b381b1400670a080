import type { SignOffState } from '@oscp/contracts';
import { formatDate } from '../../../components/scorecard-format';

export interface SignOffBannerProps {
  state: SignOffState;
  /** Analysts may switch between the signed-off and the latest figures. */
  canSwitch: boolean;
  onSwitch: (figures: 'latest' | undefined) => void;
}

/**
 * For a signed-off quarter: who signed it off and when, which figures the page shows, and how
 * many indicators newer figures revise (each is marked "Revised" in the tables).
 */
export function SignOffBanner({ state, canSwitch, onSwitch }: SignOffBannerProps) {
  const { signOff, figures, revisions } = state;
  const latest = figures === 'latest';
  return (
    <div className="govuk-inset-text app-signoff-banner" data-testid="signoff-banner">
      <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
        Signed off {formatDate(signOff.signedOffAt)} by {signOff.signedOffBy}
      </p>
      {latest ? (
        <p className="govuk-body govuk-!-margin-bottom-1">
          You are looking at the latest figures, not the signed-off ones.
        </p>
      ) : (
        <p className="govuk-body govuk-!-margin-bottom-1">These are the signed-off figures.</p>
      )}
      {revisions.length > 0 ? (
        <p className="govuk-body govuk-!-margin-bottom-1" role="status">
          Newer figures differ for {revisions.length} {revisions.length === 1 ? 'indicator' : 'indicators'}{' '}
          (marked &ldquo;Revised&rdquo; below): {revisions.map((revision) => revision.code).join(', ')}.
        </p>
      ) : null}
      {canSwitch && (revisions.length > 0 || latest) ? (
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          onClick={() => onSwitch(latest ? undefined : 'latest')}
        >
          {latest ? 'Show the signed-off figures' : 'Show the latest figures'}
        </button>
      ) : null}
    </div>
  );
}
