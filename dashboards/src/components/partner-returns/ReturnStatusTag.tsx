import type { PartnerReturnStatus } from '@oscp/contracts';
import { returnStatusLabels, returnStatusTagClass } from '../../lib/partner-returns-api';

/** A return's state in words, in a tag (the colour only repeats the words). */
export function ReturnStatusTag({ status }: { status: PartnerReturnStatus }) {
  return (
    <strong className={`govuk-tag ${returnStatusTagClass[status]} app-tag`}>
      {returnStatusLabels[status]}
    </strong>
  );
}
