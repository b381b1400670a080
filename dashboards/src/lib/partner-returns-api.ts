import type { PartnerReturnReminder, PartnerReturnStatus, PartnerReturnsTracker } from '@oscp/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from './http';

export const partnerReturnsQuery = (period: string | undefined) =>
  queryOptions({
    queryKey: ['partner-returns', period ?? 'default'],
    queryFn: ({ signal }) => getJson<PartnerReturnsTracker>('/api/partner-returns', { period }, signal),
  });

export const usePartnerReturns = (period: string | undefined) => useQuery(partnerReturnsQuery(period));

export const remindersQuery = () =>
  queryOptions({
    queryKey: ['partner-return-reminders'],
    queryFn: ({ signal }) =>
      getJson<PartnerReturnReminder[]>('/api/partner-returns/reminders', undefined, signal),
  });

export const useReminders = () => useQuery(remindersQuery());

/** The words shown for each state (never colour alone). */
export const returnStatusLabels: Record<PartnerReturnStatus, string> = {
  received_on_time: 'Received on time',
  received_late: 'Received late',
  overdue: 'Overdue',
  not_yet_due: 'Not yet due',
};

/** GOV.UK tag colours, always beside the words. */
export const returnStatusTagClass: Record<PartnerReturnStatus, string> = {
  received_on_time: 'govuk-tag--green',
  received_late: 'govuk-tag--yellow',
  overdue: 'govuk-tag--red',
  not_yet_due: 'govuk-tag--grey',
};
