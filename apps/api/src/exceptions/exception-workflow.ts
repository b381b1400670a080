import type { CurrentUser, ExceptionStatus, ExceptionTransitionTarget } from '@oscp/contracts';

/** The parts of a report that decide who may do what with it. */
export interface ReportAccessFacts {
  status: ExceptionStatus;
  subgroupIds: readonly string[];
}

type Who = Pick<CurrentUser, 'roles' | 'subgroups'>;

/** A chair of one of the report's subgroups. */
export function chairsReport(user: Who, report: Pick<ReportAccessFacts, 'subgroupIds'>): boolean {
  return user.roles.includes('chair') && report.subgroupIds.some((id) => user.subgroups.includes(id));
}

/** Managers and analysts see every report; chairs their subgroups' at any stage; everyone else accepted ones. */
export function canRead(user: Who, report: ReportAccessFacts): boolean {
  if (report.status === 'accepted') return true;
  if (user.roles.includes('manager') || user.roles.includes('analyst')) return true;
  return chairsReport(user, report);
}

/** Narrative and actions change while a report is a draft or returned, by its chairs or a manager. */
export function canEdit(user: Who, report: ReportAccessFacts): boolean {
  if (report.status !== 'draft' && report.status !== 'returned') return false;
  return user.roles.includes('manager') || chairsReport(user, report);
}

/** Opening a report by hand: a manager, or a chair of a subgroup that owns the indicator. */
export function canOpen(user: Who, owningSubgroupIds: readonly string[]): boolean {
  return user.roles.includes('manager') || chairsReport(user, { subgroupIds: owningSubgroupIds });
}

const FROM: Record<ExceptionTransitionTarget, readonly ExceptionStatus[]> = {
  submitted: ['draft', 'returned'],
  returned: ['submitted'],
  accepted: ['submitted'],
  closed: ['draft', 'submitted', 'returned', 'accepted'],
};

const WORDS: Record<ExceptionStatus, string> = {
  draft: 'a draft',
  submitted: 'submitted',
  returned: 'returned',
  accepted: 'accepted',
  closed: 'closed',
};

/**
 * Why a transition is refused (plain English), or null when it is allowed:
 * draft/returned → submitted by a chair of its subgroups; submitted → returned (with a comment)
 * or accepted by a manager; anything open → closed by a manager.
 */
export function transitionRefusal(
  user: Who,
  report: ReportAccessFacts,
  to: ExceptionTransitionTarget,
): { status: 403 | 409; message: string } | null {
  if (!FROM[to].includes(report.status)) {
    return { status: 409, message: `The report is ${WORDS[report.status]}: it cannot be ${WORDS[to]} now.` };
  }
  if (to === 'submitted' && !chairsReport(user, report)) {
    return {
      status: 403,
      message: 'Only a chair of one of the subgroups that own this report can submit it.',
    };
  }
  if (to !== 'submitted' && !user.roles.includes('manager')) {
    return {
      status: 403,
      message: 'Only the partnership business manager can return, accept or close a report.',
    };
  }
  return null;
}

/** What a report still needs before it can be submitted, as `{ field, message }` pairs for the error summary. */
export function submitProblems(report: {
  cause: string;
  impact: string;
  actions: readonly { what: string; ownerAgency: string; dueDate: string }[];
  trajectoryPeriod: string | null;
  escalationNeeded: boolean | null;
  escalationTo: string;
}): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (report.cause.trim() === '') problems.push({ field: 'cause', message: 'Enter why this happened' });
  if (report.impact.trim() === '')
    problems.push({ field: 'impact', message: 'Enter the impact on children' });
  if (report.actions.length === 0) problems.push({ field: 'actions', message: 'Add at least one action' });
  report.actions.forEach((action, index) => {
    const n = index + 1;
    if (action.what.trim() === '')
      problems.push({ field: `actions.${index}.what`, message: `Enter what action ${n} is` });
    if (action.ownerAgency === '')
      problems.push({
        field: `actions.${index}.ownerAgency`,
        message: `Choose the agency that owns action ${n}`,
      });
    if (action.dueDate === '')
      problems.push({ field: `actions.${index}.dueDate`, message: `Enter the date action ${n} is due` });
  });
  if (!report.trajectoryPeriod)
    problems.push({
      field: 'trajectoryPeriod',
      message: 'Choose the quarter by which the target should be met',
    });
  if (report.escalationNeeded === null)
    problems.push({ field: 'escalationNeeded', message: 'Select yes if this needs escalating' });
  if (report.escalationNeeded === true && report.escalationTo.trim() === '')
    problems.push({ field: 'escalationTo', message: 'Enter who this should be escalated to' });
  return problems;
}

/** An open action is overdue once its due date has passed. */
export function isOverdue(action: { status: 'open' | 'done'; dueDate: string }, today: string): boolean {
  return action.status === 'open' && action.dueDate !== '' && action.dueDate < today;
}
