import { addDays, quarterEnd, WorkingDayCalendar } from '@oscp/calendar';
import type { Direction, ExceptionReason, Rag } from '@oscp/contracts';

/** Partner returns are due this many working days after the quarter ends (an agency may have its own). */
export const PARTNER_RETURN_DUE_WORKING_DAYS = 20;

/** `received`; `awaited` (missing, not yet due); `overdue` (missing after the due date). */
export type PartnerReturnState = 'received' | 'awaited' | 'overdue';

/** The tracker's finer state: a received return is on time or late; a missing one overdue or not yet due. */
export type PartnerReturnStatus = 'received_on_time' | 'received_late' | 'overdue' | 'not_yet_due';

/** The date a quarter's partner return is due: `dueWorkingDays` (20) working days after the quarter's last day. */
export function partnerReturnDueDate(
  period: string,
  calendar: WorkingDayCalendar,
  dueWorkingDays: number = PARTNER_RETURN_DUE_WORKING_DAYS,
): string {
  return calendar.addWorkingDays(quarterEnd(period), dueWorkingDays);
}

export interface PartnerReturnAssessment {
  status: PartnerReturnStatus;
  dueDate: string;
  /** Working days past the due date: for a late return on the day received, for a missing one on `asOf`; else 0. */
  workingDaysOverdue: number;
}

/**
 * The one rule for a quarter's partner return, used by the scorecard's exception trigger and by
 * the returns tracker: a return not received is "not yet due" up to and including its due date
 * and overdue after it; a received one is on time when received on or before the due date.
 */
export function assessPartnerReturn(input: {
  period: string;
  /** `YYYY-MM-DD` the return was received, or null when it has not been. */
  receivedOn: string | null;
  /** The date the state is judged on (a run's date). */
  asOf: string;
  calendar: WorkingDayCalendar;
  dueWorkingDays?: number;
}): PartnerReturnAssessment {
  const dueDate = partnerReturnDueDate(input.period, input.calendar, input.dueWorkingDays);
  const late = (on: string): number => Math.max(0, input.calendar.wd(dueDate, on));
  if (input.receivedOn !== null) {
    const lateBy = late(input.receivedOn);
    return {
      status: input.receivedOn > dueDate ? 'received_late' : 'received_on_time',
      dueDate,
      workingDaysOverdue: input.receivedOn > dueDate ? lateBy : 0,
    };
  }
  if (input.asOf > dueDate) return { status: 'overdue', dueDate, workingDaysOverdue: late(input.asOf) };
  return { status: 'not_yet_due', dueDate, workingDaysOverdue: 0 };
}

/** A quarter's own partner return as the scorecard sees it, with how late it is when overdue. */
export interface PartnerReturnStanding {
  state: PartnerReturnState;
  /** Working days past the due date on the run date when overdue; null otherwise, or when not countable. */
  workingDaysOverdue: number | null;
}

/**
 * The scorecard's view of the same rule: a missing return is awaited up to and including its
 * due date and overdue after it. The date received does not matter to the scorecard, only
 * whether the return is there.
 */
export function partnerReturnStanding(
  period: string,
  ownReturnMissing: boolean,
  runDate: string,
  calendar: WorkingDayCalendar,
  dueWorkingDays: number = PARTNER_RETURN_DUE_WORKING_DAYS,
): PartnerReturnStanding {
  if (!ownReturnMissing) return { state: 'received', workingDaysOverdue: null };
  const end = quarterEnd(period);
  if (end < calendar.range.from) {
    // A quarter before the bank-holiday calendar (records dated decades back, as in the DfE
    // census sample): 20 working days never take 8 weeks, so past that the return is overdue
    // (by a number of working days the calendar cannot count).
    const overdue = runDate > addDays(end, LONGEST_DUE_DAYS);
    return { state: overdue ? 'overdue' : 'awaited', workingDaysOverdue: null };
  }
  const assessed = assessPartnerReturn({
    period,
    receivedOn: null,
    asOf: runDate,
    calendar,
    dueWorkingDays,
  });
  return assessed.status === 'overdue'
    ? { state: 'overdue', workingDaysOverdue: assessed.workingDaysOverdue }
    : { state: 'awaited', workingDaysOverdue: null };
}

/** `partnerReturnStanding` without the count. */
export function partnerReturnState(
  period: string,
  ownReturnMissing: boolean,
  runDate: string,
  calendar: WorkingDayCalendar,
  dueWorkingDays: number = PARTNER_RETURN_DUE_WORKING_DAYS,
): PartnerReturnState {
  return partnerReturnStanding(period, ownReturnMissing, runDate, calendar, dueWorkingDays).state;
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
