import { addDays, quarterEnd, WorkingDayCalendar } from '@oscp/calendar';
import type { Direction, ExceptionReason, Rag } from '@oscp/contracts';

/** Partner returns are due this many working days after the quarter ends. */
export const PARTNER_RETURN_DUE_WORKING_DAYS = 20;

/** `received`; `awaited` (missing, not yet due); `overdue` (missing after the due date). */
export type PartnerReturnState = 'received' | 'awaited' | 'overdue';

/** The date a quarter's partner return is due: 20 working days after the quarter's last day. */
export function partnerReturnDueDate(period: string, calendar: WorkingDayCalendar): string {
  return calendar.addWorkingDays(quarterEnd(period), PARTNER_RETURN_DUE_WORKING_DAYS);
}

/** A missing return is awaited up to and including its due date and overdue after it. */
export function partnerReturnState(
  period: string,
  ownReturnMissing: boolean,
  runDate: string,
  calendar: WorkingDayCalendar,
): PartnerReturnState {
  if (!ownReturnMissing) return 'received';
  const end = quarterEnd(period);
  if (end < calendar.range.from) {
    // A quarter before the bank-holiday calendar (records dated decades back, as in the DfE
    // census sample): 20 working days never take 8 weeks, so past that the return is overdue.
    return runDate > addDays(end, LONGEST_DUE_DAYS) ? 'overdue' : 'awaited';
  }
  return runDate > partnerReturnDueDate(period, calendar) ? 'overdue' : 'awaited';
}

/** Calendar days that 20 working days can never exceed (4 weeks plus any run of bank holidays). */
const LONGEST_DUE_DAYS = 56;

export interface ExceptionInput {
  rag: Rag | null;
  direction: Direction | null;
  /** The direction of the quarter before (against its own previous quarter). */
  previousDirection: Direction | null;
  /**
   * Partner-return indicators: the state of this period's own return. An earlier quarter's
   * missing return (which makes a rolling value `[x]`) is not this period's and does not count.
   */
  partnerReturn?: PartnerReturnState | null;
}

/**
 * Why an indicator is an exception this period: red; declining this quarter and the quarter
 * before; or its own partner return overdue. Empty when it is not an exception.
 */
export function exceptionReasonsFor(input: ExceptionInput): ExceptionReason[] {
  const reasons: ExceptionReason[] = [];
  if (input.rag === 'red') reasons.push('red');
  if (input.direction === 'declining' && input.previousDirection === 'declining')
    reasons.push('declining_two_quarters');
  if (input.partnerReturn === 'overdue') reasons.push('partner_return_missing');
  return reasons;
}
