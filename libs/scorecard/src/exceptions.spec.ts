import { WorkingDayCalendar } from '@oscp/calendar';
import { describe, expect, it } from 'vitest';
import {
  assessPartnerReturn,
  exceptionReasonsFor,
  partnerReturnDueDate,
  partnerReturnStanding,
  partnerReturnState,
} from './exceptions';

const calendar = new WorkingDayCalendar(['2024-12-24']);

describe('exceptionReasonsFor', () => {
  it('makes a red indicator an exception', () => {
    expect(exceptionReasonsFor({ rag: 'red', direction: 'improving', previousDirection: null })).toEqual([
      'red',
    ]);
  });

  it('makes an indicator declining this quarter and the quarter before an exception', () => {
    expect(
      exceptionReasonsFor({ rag: 'amber', direction: 'declining', previousDirection: 'declining' }),
    ).toEqual(['declining_two_quarters']);
  });

  it('does not make a single quarter of decline an exception', () => {
    expect(
      exceptionReasonsFor({ rag: 'amber', direction: 'declining', previousDirection: 'no_change' }),
    ).toEqual([]);
    expect(exceptionReasonsFor({ rag: 'green', direction: 'declining', previousDirection: null })).toEqual(
      [],
    );
    expect(
      exceptionReasonsFor({ rag: 'amber', direction: 'improving', previousDirection: 'declining' }),
    ).toEqual([]);
  });

  it('makes an overdue own partner return an exception, but not an awaited one', () => {
    expect(
      exceptionReasonsFor({ rag: null, direction: null, previousDirection: null, partnerReturn: 'overdue' }),
    ).toEqual(['partner_return_missing']);
    expect(
      exceptionReasonsFor({ rag: null, direction: null, previousDirection: null, partnerReturn: 'awaited' }),
    ).toEqual([]);
  });

  it('gives every reason that applies', () => {
    expect(
      exceptionReasonsFor({
        rag: 'red',
        direction: 'declining',
        previousDirection: 'declining',
        partnerReturn: 'received',
      }),
    ).toEqual(['red', 'declining_two_quarters']);
  });
});

describe('partner return due dates', () => {
  it('is due 20 working days after the quarter ends, extra holidays included', () => {
    // 2024-25 Q3 ends 31 Dec 2024; 1 Jan is a bank holiday (24 Dec, before the end, changes nothing).
    expect(partnerReturnDueDate('2024-25 Q3', calendar)).toBe('2025-01-29');
    // 2022-23 Q4 ends Fri 31 Mar 2023: Good Friday 7 Apr, Easter Monday 10 Apr and 1 May are skipped.
    expect(partnerReturnDueDate('2022-23 Q4', calendar)).toBe('2023-05-03');
  });

  it('is awaited up to and including the due date and overdue the day after', () => {
    expect(partnerReturnState('2024-25 Q3', true, '2025-01-29', calendar)).toBe('awaited');
    expect(partnerReturnState('2024-25 Q3', true, '2025-01-30', calendar)).toBe('overdue');
    expect(partnerReturnState('2024-25 Q3', false, '2025-01-30', calendar)).toBe('received');
  });

  it('judges a quarter before the bank-holiday calendar (a census record from 1970) without failing', () => {
    // 1970-71 Q3 ends 31 Dec 1970, 39 years before the calendar starts: 8 weeks later it is overdue.
    expect(partnerReturnState('1970-71 Q3', true, '2022-05-23', calendar)).toBe('overdue');
    expect(partnerReturnState('1970-71 Q3', true, '1971-02-25', calendar)).toBe('awaited');
    expect(partnerReturnState('1970-71 Q3', true, '1971-02-26', calendar)).toBe('overdue');
    expect(partnerReturnState('1970-71 Q3', false, '2022-05-23', calendar)).toBe('received');
  });

  it('counts an extra holiday after the quarter end', () => {
    const withClosure = new WorkingDayCalendar(['2025-01-02']);
    expect(partnerReturnDueDate('2024-25 Q3', withClosure)).toBe('2025-01-30');
  });
});

describe('assessPartnerReturn (the tracker and the scorecard share it)', () => {
  const base = { period: '2024-25 Q3', calendar };

  it('calls a return received on its due date on time, and the next day late by 1 working day', () => {
    expect(assessPartnerReturn({ ...base, receivedOn: '2025-01-29', asOf: '2025-03-01' })).toEqual({
      status: 'received_on_time',
      dueDate: '2025-01-29',
      workingDaysOverdue: 0,
    });
    expect(assessPartnerReturn({ ...base, receivedOn: '2025-01-30', asOf: '2025-03-01' })).toEqual({
      status: 'received_late',
      dueDate: '2025-01-29',
      workingDaysOverdue: 1,
    });
  });

  it('counts a missing return not yet due up to its due date, then overdue by working days on the run date', () => {
    expect(assessPartnerReturn({ ...base, receivedOn: null, asOf: '2025-01-29' }).status).toBe('not_yet_due');
    // Friday 31 January is 2 working days after Wednesday 29 January.
    expect(assessPartnerReturn({ ...base, receivedOn: null, asOf: '2025-01-31' })).toEqual({
      status: 'overdue',
      dueDate: '2025-01-29',
      workingDaysOverdue: 2,
    });
  });

  it("uses an agency's own due days", () => {
    expect(
      assessPartnerReturn({ ...base, receivedOn: null, asOf: '2025-01-31', dueWorkingDays: 25 }),
    ).toEqual({
      status: 'not_yet_due',
      dueDate: '2025-02-05',
      workingDaysOverdue: 0,
    });
    expect(partnerReturnState('2024-25 Q3', true, '2025-01-31', calendar, 25)).toBe('awaited');
  });

  it('gives the scorecard the working days overdue the tracker counts, and none when not overdue', () => {
    expect(partnerReturnStanding('2024-25 Q3', true, '2025-01-31', calendar)).toEqual({
      state: 'overdue',
      workingDaysOverdue: 2,
    });
    expect(partnerReturnStanding('2024-25 Q3', true, '2025-01-29', calendar)).toEqual({
      state: 'awaited',
      workingDaysOverdue: null,
    });
    expect(partnerReturnStanding('2024-25 Q3', false, '2025-01-31', calendar)).toEqual({
      state: 'received',
      workingDaysOverdue: null,
    });
    // Before the calendar the return can be overdue, but its working days cannot be counted.
    expect(partnerReturnStanding('1970-71 Q3', true, '2022-05-23', calendar)).toEqual({
      state: 'overdue',
      workingDaysOverdue: null,
    });
  });

  it('gives the scorecard the same overdue day as the tracker', () => {
    for (const asOf of ['2025-01-28', '2025-01-29', '2025-01-30', '2025-02-14']) {
      const tracker = assessPartnerReturn({ ...base, receivedOn: null, asOf }).status;
      const scorecard = partnerReturnState('2024-25 Q3', true, asOf, calendar);
      expect(scorecard === 'overdue').toBe(tracker === 'overdue');
    }
  });
});
