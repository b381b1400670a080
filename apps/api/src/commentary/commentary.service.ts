import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Commentary, CurrentUser, HistoryEntry } from '@oscp/contracts';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ScorecardService } from '../scorecard/scorecard.service';
import { SubgroupsService } from '../subgroups/subgroups.service';
import type { CommentaryChangeBody } from './commentary.dto';
import { CommentaryEntity, CommentaryHistoryEntity } from './commentary.entity';

function toCommentary(row: CommentaryEntity): Commentary {
  return {
    indicatorCode: row.indicatorCode,
    period: row.period,
    text: row.text,
    version: row.version,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
    history: [],
  };
}

function toHistory(row: CommentaryHistoryEntity): HistoryEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    comment: null,
    changes: row.changes,
  };
}

/** One short commentary per indicator and quarter, written by a chair of its subgroups or an analyst. */
@Injectable()
export class CommentaryService {
  constructor(
    @InjectRepository(CommentaryEntity) private readonly commentary: Repository<CommentaryEntity>,
    @InjectRepository(CommentaryHistoryEntity) private readonly history: Repository<CommentaryHistoryEntity>,
    private readonly dataSource: DataSource,
    private readonly scorecards: ScorecardService,
    private readonly subgroups: SubgroupsService,
    private readonly audit: AuditService,
  ) {}

  /** The quarter's commentaries that have text (a cleared one is left out), without history. */
  async listForPeriod(period: string): Promise<Commentary[]> {
    const rows = await this.commentary.find({ where: { period }, order: { indicatorCode: 'ASC' } });
    return rows.filter((row) => row.text !== '').map((row) => ({ ...toCommentary(row), history: [] }));
  }

  async get(code: string, period: string): Promise<Commentary> {
    this.scorecards.requireIndicator(code);
    const row = await this.commentary.findOneBy({ indicatorCode: code, period });
    if (!row || row.text === '')
      throw new NotFoundException({
        statusCode: 404,
        message: `There is no commentary on ${code} for ${period}.`,
      });
    const history = await this.history.find({
      where: { indicatorCode: code, period },
      order: { seq: 'ASC' },
    });
    return { ...toCommentary(row), history: history.map(toHistory) };
  }

  /** Writes (or clears, with empty text) the commentary; refused with 409 when `version` is stale. */
  async put(
    user: CurrentUser,
    ip: string | null,
    code: string,
    period: string,
    body: CommentaryChangeBody,
  ): Promise<Commentary> {
    this.scorecards.requireIndicator(code);
    const owners = await this.subgroups.idsOwning(code);
    const mayWrite =
      user.roles.includes('analyst') ||
      (user.roles.includes('chair') && owners.some((id) => user.subgroups.includes(id)));
    if (!mayWrite) {
      throw new ForbiddenException({
        statusCode: 403,
        message: `Only a chair of a subgroup that owns ${code}, or an analyst, can write its commentary.`,
      });
    }
    const actor = `${user.displayName} (${user.email})`;
    const saved = await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(CommentaryEntity, {
        where: { indicatorCode: code, period },
        lock: { mode: 'pessimistic_write' },
      });
      const current = row?.version ?? 0;
      if (current !== body.version) {
        throw new ConflictException({
          statusCode: 409,
          message: `${row?.updatedBy ?? 'Someone'} changed this commentary since you opened it. Your text was not saved: read theirs, then try again.`,
        });
      }
      if (row && row.text === body.text) return row;
      const next = manager.create(CommentaryEntity, {
        indicatorCode: code,
        period,
        text: body.text,
        version: current + 1,
        updatedBy: actor,
        updatedAt: new Date(),
      });
      await manager.save(next);
      await manager.save(
        manager.create(CommentaryHistoryEntity, {
          indicatorCode: code,
          period,
          actorId: user.id,
          actor,
          action: body.text === '' ? 'cleared' : row ? 'edited' : 'written',
          changes: [{ field: 'text', from: row?.text ?? null, to: body.text }],
        }),
      );
      return next;
    });
    await this.audit.record({
      actor: user,
      action: 'commentary.changed',
      target: `indicator:${code}`,
      detail: { code, period, version: saved.version },
      ip,
    });
    const history = await this.history.find({
      where: { indicatorCode: code, period },
      order: { seq: 'ASC' },
    });
    return { ...toCommentary(saved), history: history.map(toHistory) };
  }
}
