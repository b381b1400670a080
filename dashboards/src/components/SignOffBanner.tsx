import { formatDisplay, type SignOffState, type Unit } from '@oscp/contracts';
import { formatDate } from './scorecard-format';

export interface SignOffBannerProps {
  state: SignOffState;
  /** Analysts may switch between the signed-off and the latest figures. */
  canSwitch: boolean;
  onSwitch: (figures: 'latest' | undefined) => void;
  /** On an indicator's page: that indicator, whose revision (if any) the banner spells out. */
  indicator?: { code: string; unit: Unit };
}

/**
 * For a signed-off quarter: who signed it off and when, which figures the page shows, and what
 * newer figures revise: on the overview how many indicators (each is marked "Revised" in the
 * tables), on an indicator's page its signed-off and latest values and when they changed.
 */
export function SignOffBanner({ state, canSwitch, onSwitch, indicator }: SignOffBannerProps) {
  const { signOff, figures, revisions } = state;
  const latest = figures === 'latest';
  const revision = indicator ? revisions.find((item) => item.code === indicator.code) : undefined;
  const switchable = indicator ? revision !== undefined || latest : revisions.length > 0 || latest;
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
      {indicator ? (
        revision ? (
          <p className="govuk-body govuk-!-margin-bottom-1" data-testid={`revised-${revision.code}`}>
            <strong className="govuk-tag govuk-tag--orange app-tag app-tag--small">Revised</strong> signed off{' '}
            {formatDisplay(revision.signedOff.display, indicator.unit)}, latest{' '}
            {formatDisplay(revision.latest.display, indicator.unit)} (newer figures loaded{' '}
            {formatDate(revision.revisedAt)}).
          </p>
        ) : (
          <p className="govuk-body govuk-!-margin-bottom-1">
            The figures of {indicator.code} have not changed since it was signed off.
          </p>
        )
      ) : revisions.length > 0 ? (
        <p className="govuk-body govuk-!-margin-bottom-1" role="status">
          Newer figures differ for {revisions.length} {revisions.length === 1 ? 'indicator' : 'indicators'}{' '}
          (marked &ldquo;Revised&rdquo; below): {revisions.map((item) => item.code).join(', ')}.
        </p>
      ) : null}
      {canSwitch && switchable ? (
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
