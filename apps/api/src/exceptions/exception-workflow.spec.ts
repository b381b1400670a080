import type { Role } from '@oscp/contracts';
import { describe, expect, it } from 'vitest';
import {
  canEdit,
  canOpen,
  canRead,
  isOverdue,
  submitProblems,
  transitionRefusal,
} from './exception-workflow';

const who = (roles: Role[], subgroups: string[] = []) => ({
  roles: ['viewer', ...roles] as Role[],
  subgroups,
});
const draft = { status: 'draft' as const, subgroupIds: ['performance-co-ordination'] };
const complete = {
  cause: 'Vacancies',
  impact: 'Children wait longer',
  actions: [{ what: 'Recruit', ownerAgency: 'CSC', dueDate: '2025-06-30' }],
  trajectoryPeriod: '2025-26 Q2',
  escalationNeeded: false,
  escalationTo: '',
};

describe('exception report workflow', () => {
  it('lets a viewer read accepted reports only', () => {
    expect(canRead(who([]), draft)).toBe(false);
    expect(canRead(who([]), { ...draft, status: 'accepted' })).toBe(true);
    expect(canRead(who([]), { ...draft, status: 'closed' })).toBe(false);
  });

  it("lets a chair read and edit their subgroups' reports at any stage, but not another subgroup's", () => {
    const chair = who(['chair'], ['performance-co-ordination']);
    const other = who(['chair'], ['safeguarding-review-and-learning-group']);
    expect(canRead(chair, draft)).toBe(true);
    expect(canEdit(chair, draft)).toBe(true);
    expect(canRead(other, draft)).toBe(false);
    expect(canEdit(other, draft)).toBe(false);
    expect(canEdit(chair, { ...draft, status: 'submitted' })).toBe(false);
    expect(canEdit(chair, { ...draft, status: 'returned' })).toBe(true);
  });

  it('holds subgroups without the chair role to nothing more than a viewer', () => {
    expect(canEdit(who([], ['performance-co-ordination']), draft)).toBe(false);
    expect(canOpen(who([], ['performance-co-ordination']), ['performance-co-ordination'])).toBe(false);
    expect(canOpen(who(['manager']), ['performance-co-ordination'])).toBe(true);
  });

  it('lets only a chair submit, and only a manager return, accept or close', () => {
    const chair = who(['chair'], ['performance-co-ordination']);
    const manager = who(['manager']);
    expect(transitionRefusal(chair, draft, 'submitted')).toBeNull();
    expect(transitionRefusal(manager, draft, 'submitted')?.status).toBe(403);
    const submitted = { ...draft, status: 'submitted' as const };
    expect(transitionRefusal(chair, submitted, 'accepted')?.status).toBe(403);
    expect(transitionRefusal(manager, submitted, 'accepted')).toBeNull();
    expect(transitionRefusal(manager, submitted, 'returned')).toBeNull();
    expect(transitionRefusal(manager, draft, 'accepted')).toEqual({
      status: 409,
      message: 'The report is a draft: it cannot be accepted now.',
    });
    expect(transitionRefusal(manager, { ...draft, status: 'closed' }, 'closed')?.status).toBe(409);
  });

  it('names every field a report still needs before it can be submitted', () => {
    expect(submitProblems(complete)).toEqual([]);
    const fields = submitProblems({
      ...complete,
      cause: ' ',
      actions: [{ what: '', ownerAgency: '', dueDate: '' }],
      escalationNeeded: true,
    }).map((problem) => problem.field);
    expect(fields).toEqual([
      'cause',
      'actions.0.what',
      'actions.0.ownerAgency',
      'actions.0.dueDate',
      'escalationTo',
    ]);
  });

  it('counts an open action as overdue the day after its due date, and a done one never', () => {
    expect(isOverdue({ status: 'open', dueDate: '2025-06-30' }, '2025-06-30')).toBe(false);
    expect(isOverdue({ status: 'open', dueDate: '2025-06-30' }, '2025-07-01')).toBe(true);
    expect(isOverdue({ status: 'done', dueDate: '2025-06-30' }, '2025-07-01')).toBe(false);
    expect(isOverdue({ status: 'open', dueDate: '' }, '2025-07-01')).toBe(false);
  });
});
