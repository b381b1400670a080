import { AGENCY_CODES, EXCEPTION_STATUSES, type ExceptionStatus } from '@oscp/contracts';
import { z } from 'zod';
import { indicatorCodeParam, periodParam } from '../scorecard/scorecard-query';

const statusParam = z.enum(EXCEPTION_STATUSES as [ExceptionStatus, ...ExceptionStatus[]], {
  message: `must be one of: ${EXCEPTION_STATUSES.join(', ')}`,
});

export const listExceptionsQuerySchema = z.strictObject({
  period: periodParam.optional().describe('`2024-25 Q3` or `2024-25-Q3`'),
  subgroup: z.string().trim().max(140).optional().describe('a subgroup id from /api/subgroups'),
  status: statusParam.optional(),
  indicator: indicatorCodeParam.optional().describe('an indicator code such as FD02'),
});
export type ListExceptionsQuery = z.output<typeof listExceptionsQuerySchema>;

export const openExceptionSchema = z.strictObject({
  indicatorCode: indicatorCodeParam,
  period: periodParam,
});
export type OpenExceptionBody = z.output<typeof openExceptionSchema>;

const isoDate = z
  .string()
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, { message: 'Enter the due date as a real date' })
  .refine((value) => value === '' || !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), {
    message: 'Enter the due date as a real date',
  });

/** Drafts autosave, so an action may be saved half-written; submitting checks it is complete. */
const action = z.strictObject({
  id: z.uuid().optional(),
  what: z.string().trim().max(500, { message: 'An action must be at most 500 characters' }),
  ownerAgency: z.union([z.enum(AGENCY_CODES), z.literal('')], {
    message: `The owner must be one of: ${AGENCY_CODES.join(', ')}`,
  }),
  dueDate: isoDate,
  status: z.enum(['open', 'done'], { message: 'An action is open or done' }),
});

const narrative = (what: string) =>
  z.string().max(4000, { message: `${what} must be at most 4,000 characters` });

export const updateExceptionSchema = z.strictObject({
  version: z.number({ message: 'Send the version you last read' }).int().min(1),
  cause: narrative('Why it happened').optional(),
  dataQualityNote: narrative('The data note').optional(),
  impact: narrative('The impact').optional(),
  actions: z.array(action).max(20, { message: 'At most 20 actions' }).optional(),
  trajectoryPeriod: periodParam.nullable().optional(),
  escalationNeeded: z.boolean().nullable().optional(),
  escalationTo: z.string().trim().max(300).optional(),
});
export type UpdateExceptionBody = z.output<typeof updateExceptionSchema>;

export const transitionSchema = z
  .strictObject({
    to: z.enum(['submitted', 'returned', 'accepted', 'closed'], {
      message: 'to must be submitted, returned, accepted or closed',
    }),
    comment: z.string().trim().max(2000).optional(),
    version: z.number().int().min(1).optional(),
  })
  .refine((body) => body.to !== 'returned' || (body.comment ?? '') !== '', {
    message: 'Enter a comment saying what needs to change',
    path: ['comment'],
  });
export type TransitionBody = z.output<typeof transitionSchema>;

export const exceptionIdSchema = z.uuid({ message: 'No such exception report.' });
