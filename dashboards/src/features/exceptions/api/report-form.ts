import type { ExceptionActionInput, ExceptionReport, ExceptionReportChange } from '@oscp/contracts';

/** What the report form edits: the narrative fields and the actions, as typed. */
export interface ReportFormValues {
  cause: string;
  dataQualityNote: string;
  impact: string;
  actions: ExceptionActionInput[];
  trajectoryPeriod: string;
  escalationNeeded: 'yes' | 'no' | '';
  escalationTo: string;
}

export function formValuesOf(report: ExceptionReport): ReportFormValues {
  return {
    cause: report.cause,
    dataQualityNote: report.dataQualityNote,
    impact: report.impact,
    actions: report.actions.map(({ id, what, ownerAgency, dueDate, status }) => ({
      id,
      what,
      ownerAgency,
      dueDate,
      status,
    })),
    trajectoryPeriod: report.trajectoryPeriod ?? '',
    escalationNeeded: report.escalationNeeded === null ? '' : report.escalationNeeded ? 'yes' : 'no',
    escalationTo: report.escalationTo,
  };
}

export function changeOf(values: ReportFormValues, version: number): ExceptionReportChange {
  return {
    version,
    cause: values.cause,
    dataQualityNote: values.dataQualityNote,
    impact: values.impact,
    actions: values.actions,
    trajectoryPeriod: values.trajectoryPeriod || null,
    escalationNeeded: values.escalationNeeded === '' ? null : values.escalationNeeded === 'yes',
    escalationTo: values.escalationTo,
  };
}

/** The element each API field error belongs to, so the error summary can link to it. */
export function fieldIdOf(field: string): string {
  const action = /^actions\.(\d+)\.(what|ownerAgency|dueDate|status)$/.exec(field);
  if (action) return `action-${action[1]}-${action[2]}`;
  const ids: Record<string, string> = {
    cause: 'report-cause',
    dataQualityNote: 'report-data-quality',
    impact: 'report-impact',
    actions: 'report-add-action',
    trajectoryPeriod: 'report-trajectory',
    escalationNeeded: 'report-escalation-yes',
    escalationTo: 'report-escalation-to',
    comment: 'review-comment',
  };
  return ids[field] ?? 'report-cause';
}

/** The quarters after `period` (`2024-25 Q3` → `2024-25 Q4`, `2025-26 Q1`, ...). */
export function quartersAfter(period: string, count: number): string[] {
  const match = /^(\d{4})-(\d{2}) Q([1-4])$/.exec(period);
  if (!match) return [];
  let year = Number(match[1]);
  let quarter = Number(match[3]);
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) {
    quarter += 1;
    if (quarter > 4) {
      quarter = 1;
      year += 1;
    }
    out.push(`${year}-${String((year + 1) % 100).padStart(2, '0')} Q${quarter}`);
  }
  return out;
}
