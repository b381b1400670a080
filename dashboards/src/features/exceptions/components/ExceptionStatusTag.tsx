import type { ExceptionStatus } from '@oscp/contracts';
import { statusLabels, statusTagClass } from '../api/exceptions-api';

/** A report's stage as a tag with words (never colour alone). */
export function ExceptionStatusTag({ status }: { status: ExceptionStatus }) {
  return <strong className={`govuk-tag app-tag ${statusTagClass[status]}`}>{statusLabels[status]}</strong>;
}
