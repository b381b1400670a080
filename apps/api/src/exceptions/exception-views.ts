import type {
  ExceptionAction,
  ExceptionEvidence,
  ExceptionReport,
  HistoryEntry,
  IndicatorDetail,
  ScorecardIndicator,
} from '@oscp/contracts';
import type {
  ExceptionReportEntity,
  ExceptionReportHistoryEntity,
  StoredAction,
} from './exception-report.entity';
import { isOverdue } from './exception-workflow';

export function toExceptionAction(action: StoredAction, today: string): ExceptionAction {
  return { ...action, overdue: isOverdue(action, today) };
}

export function toExceptionReport(row: ExceptionReportEntity, today: string): ExceptionReport {
  return {
    id: row.id,
    indicatorCode: row.indicatorCode,
    period: row.period,
    status: row.status,
    subgroupIds: [...row.subgroupIds],
    openedBy: row.openedBy,
    evidence: row.evidence,
    revisions: row.revisions,
    cause: row.cause,
    dataQualityNote: row.dataQualityNote,
    impact: row.impact,
    actions: row.actions.map((action) => toExceptionAction(action, today)),
    trajectoryPeriod: row.trajectoryPeriod,
    escalationNeeded: row.escalationNeeded,
    escalationTo: row.escalationTo,
    returnComment: row.returnComment,
    version: row.version,
    updatedBy: row.updatedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toHistoryEntry(row: ExceptionReportHistoryEntity): HistoryEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    comment: row.comment,
    changes: row.changes,
  };
}

/** The evidence frozen into a report: the indicator as the snapshot had it, with its series and data quality. */
export function evidenceFrom(row: ScorecardIndicator, detail: IndicatorDetail): ExceptionEvidence {
  return {
    snapshotId: detail.snapshotId,
    period: detail.period,
    title: row.title,
    owner: row.owner,
    unit: row.unit,
    polarity: row.polarity,
    value: row.value,
    display: row.display,
    status: row.status,
    numerator: row.numerator,
    denominator: row.denominator,
    target: row.target,
    tolerance: row.tolerance,
    rag: row.rag,
    direction: row.direction,
    previousValue: row.previousValue,
    exception: row.exception,
    reasons: [...row.exceptionReasons],
    ...(row.partnerReturnWorkingDaysOverdue !== undefined
      ? { partnerReturnWorkingDaysOverdue: row.partnerReturnWorkingDaysOverdue }
      : {}),
    series: detail.trend.map((point) => ({
      period: point.period,
      value: point.value,
      display: point.display,
      rag: point.rag,
    })),
    comparators: row.comparators,
    regionName: detail.regionName,
    breakdown: row.breakdown,
    dataQuality: detail.dataQuality,
  };
}

/** Same figure, allowing for floating-point noise. */
export function sameValue(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) < 1e-9;
}
