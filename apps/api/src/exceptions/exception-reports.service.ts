import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { comparePeriods, previousQuarter } from '@oscp/calendar';
import {
  EXCEPTION_STATUSES,
  type ApiError,
  type CurrentUser,
  type ExceptionReport,
  type ExceptionReportList,
  type ExceptionStatus,
  type FieldChange,
  type HistoryEntry,
  type IndicatorDetail,
  type Scorecard,
} from '@oscp/contracts';
import { DataSource, In, Repository, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig, todayFor } from '../config/app-config';
import { ScorecardService } from '../scorecard/scorecard.service';
import { SubgroupsService } from '../subgroups/subgroups.service';
import { SnapshotPublishedListeners, type SnapshotPublishedListener } from '../pipeline/snapshot-published';
import {
  ExceptionReportEntity,
  ExceptionReportHistoryEntity,
  type StoredAction,
} from './exception-report.entity';
import { evidenceFrom, sameValue, toExceptionReport, toHistoryEntry } from './exception-views';
import {
  canEdit,
  canOpen,
  canRead,
  chairsReport,
  submitProblems,
  transitionRefusal,
} from './exception-workflow';
import type { ListExceptionsQuery, TransitionBody, UpdateExceptionBody } from './exceptions.dto';

/** The signed-in person acting, with the request's address for the audit log. */
export interface Acting {
  user: CurrentUser;
  ip: string | null;
}

const EDITABLE_FIELDS = [
  'cause',
  'dataQualityNote',
  'impact',
  'actions',
  'trajectoryPeriod',
  'escalationNeeded',
  'escalationTo',
] as const;

function apiError(statusCode: number, message: string, fields?: ApiError['fields']): ApiError {
  return fields ? { statusCode, message, fields } : { statusCode, message };
}

function actorName(user: CurrentUser): string {
  return `${user.displayName} (${user.email})`;
}

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * Exception reports: drafts opened after each published run for every indicator whose exception
 * trigger fires in the default quarter (one per indicator and quarter), the chair's narrative and
 * actions, the manager's review, figure revisions and the history of every change.
 */
@Injectable()
export class ExceptionReportsService implements SnapshotPublishedListener, OnModuleInit {
  private readonly logger = new Logger(ExceptionReportsService.name);

  constructor(
    @InjectRepository(ExceptionReportEntity) private readonly reports: Repository<ExceptionReportEntity>,
    @InjectRepository(ExceptionReportHistoryEntity)
    private readonly history: Repository<ExceptionReportHistoryEntity>,
    private readonly dataSource: DataSource,
    private readonly scorecards: ScorecardService,
    private readonly subgroups: SubgroupsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly published: SnapshotPublishedListeners,
  ) {}

  /** Drafts open themselves after each published run. */
  onModuleInit(): void {
    this.published.subscribe(this);
  }

  private today(): string {
    return todayFor(this.config);
  }

  /** Every report of a quarter (no access check: for other features such as the briefing pack). */
  async listForPeriod(
    period: string,
    filter: { status?: ExceptionStatus; subgroupId?: string; indicatorCode?: string } = {},
  ): Promise<ExceptionReport[]> {
    const query = this.reports
      .createQueryBuilder('r')
      .where('r.period = :period', { period })
      .orderBy('r.indicator_code', 'ASC');
    if (filter.status) query.andWhere('r.status = :status', { status: filter.status });
    if (filter.subgroupId) query.andWhere(':subgroup = any(r.subgroup_ids)', { subgroup: filter.subgroupId });
    if (filter.indicatorCode) query.andWhere('r.indicator_code = :code', { code: filter.indicatorCode });
    const today = this.today();
    return (await query.getMany()).map((row) => toExceptionReport(row, today));
  }

  /** What the signed-in user may see, filtered, with counts by status; a chair's own subgroups first. */
  async list(user: CurrentUser, query: ListExceptionsQuery): Promise<ExceptionReportList> {
    const builder = this.reports.createQueryBuilder('r');
    if (query.period) builder.andWhere('r.period = :period', { period: query.period });
    if (query.subgroup) builder.andWhere(':subgroup = any(r.subgroup_ids)', { subgroup: query.subgroup });
    if (query.indicator) builder.andWhere('r.indicator_code = :code', { code: query.indicator });
    const today = this.today();
    const visible = (await builder.getMany())
      .filter((row) => canRead(user, row))
      .map((row) => toExceptionReport(row, today));
    const counts = Object.fromEntries(EXCEPTION_STATUSES.map((status) => [status, 0])) as Record<
      ExceptionStatus,
      number
    >;
    for (const report of visible) counts[report.status] += 1;
    const items = visible
      .filter((report) => !query.status || report.status === query.status)
      .sort(
        (a, b) =>
          Number(chairsReport(user, b)) - Number(chairsReport(user, a)) ||
          comparePeriods(b.period, a.period) ||
          a.indicatorCode.localeCompare(b.indicatorCode),
      );
    return { items, total: items.length, counts };
  }

  async get(user: CurrentUser, id: string): Promise<ExceptionReport> {
    return toExceptionReport(await this.readable(user, id), this.today());
  }

  async historyOf(user: CurrentUser, id: string): Promise<HistoryEntry[]> {
    await this.readable(user, id);
    const rows = await this.history.find({ where: { reportId: id }, order: { seq: 'ASC' } });
    return rows.map(toHistoryEntry);
  }

  /** Opens a report by hand for any indicator and quarter of the published snapshot. */
  async open(acting: Acting, indicatorCode: string, period: string): Promise<ExceptionReport> {
    this.scorecards.requireIndicator(indicatorCode);
    const owners = await this.subgroups.idsOwning(indicatorCode);
    if (!canOpen(acting.user, owners)) {
      throw new ForbiddenException(
        apiError(
          403,
          `Only a chair of a subgroup that owns ${indicatorCode}, or a manager, can open its report.`,
        ),
      );
    }
    const existing = await this.reports.findOneBy({ indicatorCode, period });
    if (existing) throw this.alreadyOpen(existing);
    const scorecard = await this.scorecards.scorecard({ period, published: false });
    const row = await this.insertDraft(scorecard, indicatorCode, owners, 'by_hand', acting);
    if (!row) throw this.alreadyOpen(await this.reports.findOneByOrFail({ indicatorCode, period }));
    return toExceptionReport(row, this.today());
  }

  /** Saves narrative and actions; refused with 409 when someone saved since `version` was read. */
  async update(acting: Acting, id: string, body: UpdateExceptionBody): Promise<ExceptionReport> {
    const { saved, fields } = await this.dataSource.transaction(async (manager) => {
      const row = await this.lockedReadable(manager, acting.user, id);
      if (!canEdit(acting.user, row)) {
        throw new ForbiddenException(
          apiError(
            403,
            row.status === 'draft' || row.status === 'returned'
              ? 'Only a chair of one of the subgroups that own this report, or a manager, can change it.'
              : `The report is ${row.status}: it can no longer be changed.`,
          ),
        );
      }
      this.refuseStale(row, body.version);
      const changes: FieldChange[] = [];
      for (const field of EDITABLE_FIELDS) {
        const next = field === 'actions' ? this.nextActions(row.actions, body.actions) : body[field];
        if (next === undefined) continue;
        if (JSON.stringify(next) === JSON.stringify(row[field])) continue;
        changes.push({ field, from: row[field], to: next });
        Object.assign(row, { [field]: next });
      }
      if (changes.length === 0) return { saved: row, fields: [] };
      row.version += 1;
      row.updatedBy = actorName(acting.user);
      row.updatedAt = new Date();
      await manager.save(row);
      await this.addHistory(manager, row.id, acting.user, 'edited', null, changes);
      return { saved: row, fields: changes.map((change) => change.field) };
    });
    if (fields.length > 0) {
      // Field names only: the narrative stays in the report's own history.
      await this.audit.record({
        actor: acting.user,
        action: 'exception.updated',
        target: `exception:${saved.id}`,
        detail: { indicatorCode: saved.indicatorCode, period: saved.period, fields, version: saved.version },
        ip: acting.ip,
      });
    }
    return toExceptionReport(saved, this.today());
  }

  async transition(acting: Acting, id: string, body: TransitionBody): Promise<ExceptionReport> {
    const { row, from } = await this.dataSource.transaction(async (manager) => {
      const row = await this.lockedReadable(manager, acting.user, id);
      if (body.version !== undefined) this.refuseStale(row, body.version);
      const refusal = transitionRefusal(acting.user, row, body.to);
      if (refusal) {
        throw refusal.status === 403
          ? new ForbiddenException(apiError(403, refusal.message))
          : new ConflictException(apiError(409, refusal.message));
      }
      if (body.to === 'submitted') {
        const problems = submitProblems(row);
        if (problems.length > 0) {
          throw new BadRequestException(
            apiError(400, 'The report is not complete enough to submit.', problems),
          );
        }
      }
      const from = row.status;
      const changes: FieldChange[] = [{ field: 'status', from, to: body.to }];
      row.status = body.to;
      if (body.to === 'returned') {
        changes.push({ field: 'returnComment', from: row.returnComment, to: body.comment ?? null });
        row.returnComment = body.comment ?? null;
      }
      row.version += 1;
      row.updatedBy = actorName(acting.user);
      row.updatedAt = new Date();
      await manager.save(row);
      await this.addHistory(manager, row.id, acting.user, body.to, body.comment ?? null, changes);
      return { row, from };
    });
    await this.audit.record({
      actor: acting.user,
      action: `exception.${body.to}`,
      target: `exception:${row.id}`,
      detail: { indicatorCode: row.indicatorCode, period: row.period, from, to: body.to },
      ip: acting.ip,
    });
    return toExceptionReport(row, this.today());
  }

  /**
   * After each published run: a draft for every indicator whose trigger fires in the snapshot's
   * default quarter (none twice); a "figures revised" note on open reports whose figure changed;
   * automatic reports whose indicator is no longer an exception are closed.
   */
  async onSnapshotPublished(snapshotId: string): Promise<void> {
    const scorecard = await this.scorecards.scorecard({ snapshot: snapshotId, published: false });
    const exceptions = scorecard.indicators.filter((row) => row.exception);
    // The quarter's reports already opened, in one query rather than one per indicator.
    const alreadyOpened = new Set(
      exceptions.length === 0
        ? []
        : (
            await this.reports.find({
              select: { indicatorCode: true },
              where: { period: scorecard.period, indicatorCode: In(exceptions.map((row) => row.code)) },
            })
          ).map((row) => row.indicatorCode),
    );
    const toOpen = exceptions.filter((row) => !alreadyOpened.has(row.code));
    // Each new draft's evidence is several reads of the snapshot file and of the database: asked
    // for at once, the database's answers come while the file is read (a scale-1 run: four
    // drafts, 9-11 ms each).
    const details = await Promise.allSettled(toOpen.map((row) => this.evidenceDetail(row.code, scorecard)));
    let opened = 0;
    for (const [index, indicator] of toOpen.entries()) {
      const read = details[index];
      // As when each was read in turn: the drafts before a failed read are opened, then it fails.
      if (read?.status === 'rejected')
        throw read.reason instanceof Error ? read.reason : new Error(String(read.reason));
      const owners = await this.subgroups.idsOwning(indicator.code);
      const drafted = await this.insertDraft(
        scorecard,
        indicator.code,
        owners,
        'automatic',
        null,
        read?.value,
      );
      if (drafted) opened += 1;
    }
    const revised = await this.reviseOpenReports(snapshotId, scorecard);
    this.logger.log(
      { snapshotId, period: scorecard.period, opened, ...revised },
      'Exception reports brought up to date with the published snapshot',
    );
  }

  private async reviseOpenReports(
    snapshotId: string,
    latest: Scorecard,
  ): Promise<{ revised: number; closed: number }> {
    const open = await this.reports.createQueryBuilder('r').where(`r.status <> 'closed'`).getMany();
    const byPeriod = new Map<string, Scorecard | null>([[latest.period, latest]]);
    let revised = 0;
    let closed = 0;
    for (const row of open) {
      if (row.evidence.snapshotId === snapshotId) continue;
      if (!byPeriod.has(row.period)) {
        byPeriod.set(
          row.period,
          await this.scorecards
            .scorecard({ snapshot: snapshotId, period: row.period, published: false })
            .catch(() => null),
        );
      }
      const indicator = byPeriod.get(row.period)?.indicators.find((i) => i.code === row.indicatorCode);
      if (!indicator) continue;
      const lastKnown = row.revisions.at(-1) ?? row.evidence;
      const changes: FieldChange[] = [];
      if (!sameValue(lastKnown.value, indicator.value)) {
        const revision = {
          snapshotId,
          at: new Date().toISOString(),
          value: indicator.value,
          display: indicator.display,
        };
        row.revisions = [...row.revisions, revision];
        changes.push({ field: 'revisions', from: lastKnown.display, to: indicator.display });
        revised += 1;
      }
      const close = row.openedBy === 'automatic' && !indicator.exception;
      if (close) {
        changes.push({ field: 'status', from: row.status, to: 'closed' });
        row.status = 'closed';
        closed += 1;
      }
      if (changes.length === 0) continue;
      row.version += 1;
      row.updatedAt = new Date();
      await this.dataSource.transaction(async (manager) => {
        await manager.save(row);
        await this.addHistory(
          manager,
          row.id,
          null,
          close ? 'closed' : 'revised',
          close
            ? `Closed automatically: ${row.indicatorCode} is no longer an exception for ${row.period} in snapshot ${snapshotId}.`
            : `Figures revised since this report was drafted: now ${indicator.display} (was ${row.evidence.display}).`,
          changes,
        );
      });
      // Changes made by the system are audited like people's: which fields, never the narrative.
      await this.audit.record({
        actor: null,
        action: close ? 'exception.closed' : 'exception.revised',
        target: `exception:${row.id}`,
        detail: {
          indicatorCode: row.indicatorCode,
          period: row.period,
          snapshotId,
          fields: changes.map((change) => change.field),
          version: row.version,
        },
        ip: null,
      });
    }
    return { revised, closed };
  }

  /** Inserts a draft with frozen evidence; null when another run or person opened it first. */
  private async insertDraft(
    scorecard: Scorecard,
    code: string,
    owners: string[],
    openedBy: 'automatic' | 'by_hand',
    acting: Acting | null,
    /** The indicator's detail in the scorecard's snapshot and quarter, when already read. */
    readDetail?: IndicatorDetail,
  ): Promise<ExceptionReportEntity | null> {
    const indicator = scorecard.indicators.find((row) => row.code === code);
    if (!indicator) {
      throw new NotFoundException(apiError(404, `${code} has no figure for ${scorecard.period}.`));
    }
    const detail = readDetail ?? (await this.evidenceDetail(code, scorecard));
    const carried = await this.carriedActions(code, scorecard.period);
    const inserted = await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(ExceptionReportEntity)
        .values({
          indicatorCode: code,
          period: scorecard.period,
          status: 'draft',
          subgroupIds: owners,
          openedBy,
          evidence: evidenceFrom(indicator, detail),
          revisions: [],
          cause: '',
          dataQualityNote: '',
          impact: '',
          actions: carried,
          trajectoryPeriod: null,
          escalationNeeded: null,
          escalationTo: '',
          returnComment: null,
          version: 1,
          updatedBy: acting ? actorName(acting.user) : null,
        })
        .orIgnore()
        .returning('id')
        .execute();
      const id = (result.raw as { id: string }[])[0]?.id;
      if (!id) return null;
      await this.addHistory(
        manager,
        id,
        acting?.user ?? null,
        'opened',
        openedBy === 'automatic' ? `Opened automatically from snapshot ${scorecard.snapshotId}.` : null,
        carried.length > 0 ? [{ field: 'actions', from: [], to: carried }] : [],
      );
      return manager.findOneByOrFail(ExceptionReportEntity, { id });
    });
    if (inserted) {
      await this.audit.record({
        actor: acting?.user ?? null,
        action: 'exception.opened',
        target: `exception:${inserted.id}`,
        detail: { indicatorCode: code, period: scorecard.period, openedBy, snapshotId: scorecard.snapshotId },
        ip: acting?.ip ?? null,
      });
    }
    return inserted;
  }

  /** What a draft's evidence is made from: the indicator in the scorecard's snapshot and quarter, with 8 quarters of trend. */
  private evidenceDetail(code: string, scorecard: Scorecard): Promise<IndicatorDetail> {
    return this.scorecards.indicatorDetail(code, {
      snapshot: scorecard.snapshotId,
      period: scorecard.period,
      quarters: 8,
    });
  }

  /** Last quarter's report for the same indicator hands its open actions on for an update. */
  private async carriedActions(code: string, period: string): Promise<StoredAction[]> {
    const previous = await this.reports.findOneBy({ indicatorCode: code, period: previousQuarter(period) });
    if (!previous) return [];
    return previous.actions
      .filter((action) => action.status === 'open')
      .map((action) => ({
        ...action,
        id: randomUUID(),
        carriedOverFrom: action.carriedOverFrom ?? previous.period,
      }));
  }

  private nextActions(
    current: readonly StoredAction[],
    incoming: UpdateExceptionBody['actions'],
  ): StoredAction[] | undefined {
    if (incoming === undefined) return undefined;
    const byId = new Map(current.map((action) => [action.id, action]));
    return incoming.map((action) => {
      const before = action.id ? byId.get(action.id) : undefined;
      return {
        id: before?.id ?? randomUUID(),
        what: action.what,
        ownerAgency: action.ownerAgency,
        dueDate: action.dueDate,
        status: action.status,
        carriedOverFrom: before?.carriedOverFrom ?? null,
      };
    });
  }

  private refuseStale(row: ExceptionReportEntity, version: number): void {
    if (row.version === version) return;
    const who = row.updatedBy ?? 'Someone';
    throw new ConflictException(
      apiError(
        409,
        `${who} changed this report at ${timeFormat.format(row.updatedAt)} (version ${row.version}; you had version ${version}). Your changes were not saved: look at their version, then make your changes again.`,
      ),
    );
  }

  private alreadyOpen(existing: ExceptionReportEntity): ConflictException {
    return new ConflictException(
      apiError(
        409,
        `A report for ${existing.indicatorCode} in ${existing.period} exists already (id ${existing.id}).`,
      ),
    );
  }

  private async readable(user: CurrentUser, id: string): Promise<ExceptionReportEntity> {
    const row = await this.reports.findOneBy({ id });
    return this.checkReadable(user, row);
  }

  private async lockedReadable(
    manager: EntityManager,
    user: CurrentUser,
    id: string,
  ): Promise<ExceptionReportEntity> {
    const row = await manager.findOne(ExceptionReportEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    return this.checkReadable(user, row);
  }

  private checkReadable(user: CurrentUser, row: ExceptionReportEntity | null): ExceptionReportEntity {
    if (!row) throw new NotFoundException(apiError(404, 'There is no such exception report.'));
    if (!canRead(user, row)) {
      throw new ForbiddenException(
        apiError(
          403,
          'This report is still being written: you can read it once the manager has accepted it.',
        ),
      );
    }
    return row;
  }

  private async addHistory(
    manager: EntityManager,
    reportId: string,
    user: CurrentUser | null,
    action: string,
    comment: string | null,
    changes: FieldChange[],
  ): Promise<void> {
    await manager.save(
      manager.create(ExceptionReportHistoryEntity, {
        reportId,
        actorId: user?.id ?? null,
        actor: user ? actorName(user) : 'System (after a published run)',
        action,
        comment,
        changes,
      }),
    );
  }
}
