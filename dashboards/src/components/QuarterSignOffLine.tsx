import { useQuarterSignOff } from '../lib/signoffs-api';
import { formatDate } from './scorecard-format';

export interface QuarterSignOffLineProps {
  /** The quarter the page shows; nothing is shown until it is known. */
  period: string | undefined;
  /**
   * On a page that shows figures from the current snapshot: that snapshot's id, so the line can say
   * when those figures are newer than the signed-off ones.
   */
  figuresFromSnapshot?: string;
}

/**
 * One line saying who signed the quarter's scorecard off and when, on every page that shows a
 * quarter; nothing when the quarter is not signed off (or the sign-off was withdrawn).
 */
export function QuarterSignOffLine({ period, figuresFromSnapshot }: QuarterSignOffLineProps) {
  const signOff = useQuarterSignOff(period);
  if (!period || !signOff) return null;
  const newerFigures = figuresFromSnapshot !== undefined && figuresFromSnapshot !== signOff.snapshotId;
  return (
    <p className="govuk-body-s app-signoff-line" data-testid="signoff-line">
      Scorecard for {period}:{' '}
      <strong>
        Signed off {formatDate(signOff.signedOffAt)} by {signOff.signedOffBy}
      </strong>
      {newerFigures
        ? '. The figures on this page come from a later data run than the signed-off ones; the overview shows the signed-off figures.'
        : null}
    </p>
  );
}
