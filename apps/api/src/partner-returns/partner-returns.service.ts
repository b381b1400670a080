import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { comparePeriods, WorkingDayCalendar } from '@oscp/calendar';
import type { ApiError, CurrentUser, PartnerReturn, PartnerReturnsTracker } from '@oscp/contracts';
import { assessPartnerReturn, catalogue, isPartnerReturnIndicator } from '@oscp/scorecard';
import { In, Repository } from 'typeorm';
import { AgenciesService } from '../agencies/agencies.service';
import { SubmissionEntity } from '../pipeline/submission.entity';
import { SnapshotAccess } from '../scorecard/snapshot-access';
import { readPeriods, readSnapshotMeta } from '../scorecard/snapshot-reader';
import { readCountedReturns, readDueDays, readExtraHolidays, type ReturnRow } from './partner-return-rows';

/** Quarters in the tracker's matrix. */
export const TRACKER_QUARTERS = 8;

/** The partner-return indicators and the agency whose return each needs (its owner). */
export const EXPECTED_RETURNS = catalogue
  .filter(isPartnerReturnIndicator)
  .map((def) => ({ code: def.code, title: def.title, agency: def.owner }));

/** What the tracker needs to judge returns: the counted rows and the rule's inputs, from one snapshot. */
export interface ReturnsEvidence {
  snapshotId: string;
  runDate: string;
  defaultPeriod: string | null;
  periods: string[];
  rows: ReturnRow[];
  extraHolidays: string[];
  dueDays: Record<string, number>;
}

/** The date a file arrived, in Europe/London. */
function londonDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/**
 * A return was received on the earlier of its file's extract date and the day the file
 * arrived: an inbox file is picked up by the next scheduled run, which may be days after the
 * agency sent it; an upload arrives the day it is made.
 */
export function receivedOn(submission: Pick<SubmissionEntity, 'extractDate' | 'createdAt'>): string {
  const arrived = londonDate(submission.createdAt);
  return submission.extractDate < arrived ? submission.extractDate : arrived;
}

function notFound(message: string): NotFoundException {
  const body: ApiError = { statusCode: 404, message };
  return new NotFoundException(body);
}

/**
 * The returns tracker: every expected partner return (each partner-return indicator from its
 * owner agency) per quarter, judged by the scorecard's own rule (`assessPartnerReturn`) on the
 * published snapshot's run date, from the returns the snapshot counted.
 */
@Injectable()
export class PartnerReturnsService {
  constructor(
    private readonly snapshots: SnapshotAccess,
    private readonly agencies: AgenciesService,
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
  ) {}

  /** The published snapshot's returns evidence; null when nothing is published. */
  async evidence(): Promise<ReturnsEvidence | null> {
    const snapshot = await this.snapshots.find();
    if (!snapshot) return null;
    return this.snapshots.use(snapshot, async (warehouse) => {
      const meta = await readSnapshotMeta(warehouse);
      const periods = (await readPeriods(warehouse)).map((p) => p.period).sort(comparePeriods);
      const rows = await readCountedReturns(warehouse);
      const extraHolidays = await readExtraHolidays(warehouse);
      const dueDays = await readDueDays(warehouse);
      return {
        snapshotId: meta.snapshotId,
        runDate: meta.runDate,
        defaultPeriod: meta.defaultPeriod,
        periods,
        rows,
        extraHolidays,
        dueDays,
      };
    });
  }

  async tracker(askedPeriod: string | undefined, user: CurrentUser | null): Promise<PartnerReturnsTracker> {
    const evidence = await this.evidence();
    if (!evidence) return { snapshotId: null, asOf: null, period: null, returns: [], matrix: [] };
    const period = askedPeriod ?? evidence.defaultPeriod ?? evidence.periods.at(-1) ?? null;
    if (period === null) {
      return {
        snapshotId: evidence.snapshotId,
        asOf: evidence.runDate,
        period: null,
        returns: [],
        matrix: [],
      };
    }
    if (!evidence.periods.includes(period)) {
      throw notFound(`The period ${period} is not in the published snapshot.`);
    }
    const index = evidence.periods.indexOf(period);
    const shown = evidence.periods.slice(Math.max(0, index - TRACKER_QUARTERS + 1), index + 1);
    const judged = await this.judge(evidence, shown, evidence.runDate, user);
    return {
      snapshotId: evidence.snapshotId,
      asOf: evidence.runDate,
      period,
      returns: judged.filter((r) => r.period === period),
      matrix: shown.map((p) => ({ period: p, returns: judged.filter((r) => r.period === p) })),
    };
  }

  /**
   * Every expected return of `periods`, judged on `asOf`. Uploader details (who, and the file's
   * own name) only for analysts; `user` null is the system (reminders), which needs none.
   */
  async judge(
    evidence: ReturnsEvidence,
    periods: readonly string[],
    asOf: string,
    user: CurrentUser | null,
  ): Promise<PartnerReturn[]> {
    const calendar = new WorkingDayCalendar(evidence.extraHolidays);
    const agencyNames = new Map((await this.agencies.list()).map((agency) => [agency.code, agency.name]));
    const counted = new Map(evidence.rows.map((row) => [`${row.agency}|${row.code}|${row.period}`, row]));
    const ids = [
      ...new Set(
        evidence.rows
          .flatMap((row) => [row.submissionId, row.firstSubmissionId])
          .filter((id): id is string => !!id),
      ),
    ];
    const submissions = new Map(
      (ids.length > 0 ? await this.submissions.findBy({ id: In(ids) }) : []).map((row) => [row.id, row]),
    );
    const seesUploader = user?.roles.includes('analyst') ?? false;
    const out: PartnerReturn[] = [];
    for (const period of periods) {
      for (const expected of EXPECTED_RETURNS) {
        const row = counted.get(`${expected.agency}|${expected.code}|${period}`);
        const submission = row?.submissionId ? submissions.get(row.submissionId) : undefined;
        // Received when first sent: a later correction does not make an on-time return late.
        // (A snapshot from before the first file was tracked, or a file no longer recorded,
        // falls back to the latest file, then to the run date.)
        const first =
          (row?.firstSubmissionId ? submissions.get(row.firstSubmissionId) : undefined) ?? submission;
        const received = row ? (first ? receivedOn(first) : asOf) : null;
        const assessed = assessPartnerReturn({
          period,
          receivedOn: received,
          asOf,
          calendar,
          dueWorkingDays: evidence.dueDays[expected.agency],
        });
        out.push({
          period,
          agency: expected.agency,
          agencyName: agencyNames.get(expected.agency) ?? expected.agency,
          indicatorCode: expected.code,
          indicatorTitle: expected.title,
          dueDate: assessed.dueDate,
          status: assessed.status,
          receivedOn: received,
          workingDaysOverdue: assessed.workingDaysOverdue,
          submissionId: row?.submissionId ?? null,
          fileName: row?.fileName ?? null,
          uploader:
            seesUploader && submission
              ? { originalFileName: submission.originalFileName, uploadedBy: submission.uploadedBy }
              : null,
        });
      }
    }
    return out;
  }
}
