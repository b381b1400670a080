/** Types of agencies, partner returns and the agency view as they cross HTTP. */

import type { ScorecardIndicator } from './scorecard';

export type AgencyType =
  'local_authority' | 'police' | 'health' | 'education' | 'justice' | 'housing' | 'partnership' | 'other';

export interface Agency {
  /** The contract's agency code, e.g. `POLICE`. */
  code: string;
  name: string;
  type: AgencyType;
  /** Working days after a quarter's end that this agency's partner return is due (default 20). */
  returnDueWorkingDays: number;
  /** Where reminders about its returns go; shown to administrators and analysts only. */
  contactEmail: string | null;
  retired: boolean;
}

/**
 * A partner return's state: received on or before its due date, received after it, not
 * received after it (overdue), or not received and not yet due.
 */
export type PartnerReturnStatus = 'received_on_time' | 'received_late' | 'overdue' | 'not_yet_due';

/** Who uploaded a return's file: analysts only (null for everyone else and for inbox files). */
export interface ReturnUploader {
  /** The uploader's own file name, as they named it (shown, never used as a path). */
  originalFileName: string | null;
  uploadedBy: string | null;
}

export interface PartnerReturn {
  period: string;
  agency: string;
  agencyName: string;
  indicatorCode: string;
  indicatorTitle: string;
  dueDate: string;
  status: PartnerReturnStatus;
  /** `YYYY-MM-DD`: the earlier of the file's extract date and the day it arrived. */
  receivedOn: string | null;
  workingDaysOverdue: number;
  /** The submission the return came from (the latest file holding it). */
  submissionId: string | null;
  fileName: string | null;
  uploader: ReturnUploader | null;
}

export interface PartnerReturnsTracker {
  snapshotId: string | null;
  /** The date the states are judged on: the published snapshot's run date. */
  asOf: string | null;
  period: string | null;
  /** Every expected return of `period`, in catalogue order. */
  returns: PartnerReturn[];
  /** The last 8 quarters up to `period`, oldest first, each with every expected return. */
  matrix: { period: string; returns: PartnerReturn[] }[];
}

/** One reminder the scheduled job wrote to the outbox (sent only when email is set up). */
export interface PartnerReturnReminder {
  id: string;
  period: string;
  agency: string;
  indicatorCode: string;
  kind: 'due_soon' | 'overdue';
  dueDate: string;
  recipient: string | null;
  subject: string;
  createdAt: string;
  sentAt: string | null;
  /** Why it was not sent: no contact, email not set up, or the mail server's answer. */
  notSentBecause: string | null;
}

/** An agency's row in a breakdown (CP07/CP08 by agency, FD06's share by source). */
export interface AgencyBreakdownRow {
  indicatorCode: string;
  indicatorTitle: string;
  /** The breakdown key the row came from (`POLICE`, or `Police` for a referral source group). */
  key: string;
  numerator: number;
  denominator: number;
  value: number | null;
  display: string;
  previousValue: number | null;
  previousDisplay: string | null;
}

export interface AgencyOverdueAction {
  reportId: string;
  indicatorCode: string;
  period: string;
  what: string;
  dueDate: string;
}

export interface AgencyView {
  agency: Agency;
  period: string;
  previousPeriod: string | null;
  snapshotId: string;
  /** Indicators the agency owns, as the scorecard has them for `period`. */
  owned: ScorecardIndicator[];
  /** The agency's rows in other indicators' breakdowns. */
  contributions: AgencyBreakdownRow[];
  returns: PartnerReturn[];
  /**
   * Open actions this agency owns in the quarter's exception reports whose due date has passed
   * (only from reports the user may read).
   */
  overdueActions: AgencyOverdueAction[];
  /** Sentences in words: this quarter against last for each contribution. */
  summary: string[];
}
