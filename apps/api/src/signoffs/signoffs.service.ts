import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ApiError, CurrentUser, SignOff } from '@oscp/contracts';
import { IsNull, QueryFailedError, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ChangeNotices, KEPT_COPY_MAX_AGE_MS, KeptValue } from '../database/change-notices';
import { SnapshotStore } from '../pipeline/snapshot-store';
import { SignOffEntity } from './signoff.entity';

export function toSignOff(row: SignOffEntity): SignOff {
  return {
    id: row.id,
    period: row.period,
    snapshotId: row.snapshotId,
    note: row.note,
    signedOffBy: row.signedOffBy,
    signedOffAt: row.signedOffAt.toISOString(),
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    withdrawnBy: row.withdrawnBy,
    withdrawnReason: row.withdrawnReason,
  };
}

function error(status: number, message: string, field?: string): ApiError {
  return { statusCode: status, message, ...(field ? { fields: [{ field, message }] } : {}) };
}

function isUniqueViolation(caught: unknown): boolean {
  return caught instanceof QueryFailedError && (caught.driverError as { code?: string }).code === '23505';
}

/**
 * Quarter sign-off: a manager fixes which published snapshot is a quarter's scorecard. While a
 * sign-off is in force its snapshot is kept by retention; a withdrawal (with a reason) ends it.
 * Every change is audited.
 */
@Injectable()
export class SignOffsService {
  /** Every sign-off in force, by quarter: what each scorecard request asks, read once per change. */
  private readonly allInForce: KeptValue<Map<string, SignOff>>;

  constructor(
    @InjectRepository(SignOffEntity) private readonly signOffs: Repository<SignOffEntity>,
    private readonly store: SnapshotStore,
    private readonly audit: AuditService,
    private readonly notices: ChangeNotices,
  ) {
    this.allInForce = new KeptValue(notices, 'serving', KEPT_COPY_MAX_AGE_MS, async () => {
      const rows = await this.signOffs.find({ where: { withdrawnAt: IsNull() } });
      return new Map(rows.map((row) => [row.period, toSignOff(row)]));
    });
  }

  /** Every sign-off, withdrawn ones included, newest first; of one quarter when `period` is given. */
  async list(period?: string): Promise<SignOff[]> {
    const rows = await this.signOffs.find({
      where: period ? { period } : {},
      order: { signedOffAt: 'DESC' },
    });
    return rows.map(toSignOff);
  }

  /** The sign-off in force for a quarter, or null. */
  async inForce(period: string): Promise<SignOff | null> {
    const row = await this.signOffs.findOne({ where: { period, withdrawnAt: IsNull() } });
    return row ? toSignOff(row) : null;
  }

  /**
   * The same, from the copy kept in memory (see `ChangeNotices`): for serving scorecards. Checks
   * before a change read the database itself (`inForce`). Answered at once, not through a promise,
   * while the copy is kept (most requests).
   */
  inForceServed(period: string): SignOff | null | Promise<SignOff | null> {
    const kept = this.allInForce.keptNow();
    if (kept) return kept.value.get(period) ?? null;
    return this.allInForce.get().then((all) => all.get(period) ?? null);
  }

  async create(
    input: { period: string; snapshotId?: string; note?: string },
    user: CurrentUser,
    ip: string | null,
  ): Promise<SignOff> {
    const snapshot = input.snapshotId ? await this.store.byId(input.snapshotId) : await this.store.current();
    if (!snapshot || snapshot.publishedAt === null) {
      throw new UnprocessableEntityException(
        input.snapshotId
          ? error(422, `There is no published snapshot ${input.snapshotId} to sign off.`, 'snapshotId')
          : error(422, 'No scorecard has been published yet: there is nothing to sign off.'),
      );
    }
    if (!snapshot.periods.includes(input.period)) {
      throw new UnprocessableEntityException(
        error(422, `Snapshot ${snapshot.id} does not cover ${input.period}.`, 'period'),
      );
    }
    const existing = await this.inForce(input.period);
    if (existing) throw this.alreadySignedOff(existing);
    let saved: SignOffEntity;
    try {
      saved = await this.signOffs.save(
        this.signOffs.create({
          period: input.period,
          snapshotId: snapshot.id,
          note: input.note?.trim() ? input.note.trim() : null,
          signedOffById: user.id,
          signedOffBy: user.displayName || user.email,
        }),
      );
    } catch (caught) {
      // Two managers at once: the partial unique index lets one win.
      if (isUniqueViolation(caught)) {
        const winner = await this.inForce(input.period);
        if (winner) throw this.alreadySignedOff(winner);
      }
      throw caught;
    }
    await this.notices.announce('serving', `signoff:${saved.id}`);
    const stored = await this.signOffs.findOneByOrFail({ id: saved.id });
    await this.audit.record({
      actor: { id: user.id, email: user.email },
      action: 'signoff.created',
      target: `signoff:${stored.id}`,
      detail: { period: stored.period, snapshotId: stored.snapshotId, withNote: stored.note !== null },
      ip,
    });
    return toSignOff(stored);
  }

  async withdraw(id: string, reason: string, user: CurrentUser, ip: string | null): Promise<SignOff> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.signOffs.findOne({ where: { id } }) : null;
    if (!row) throw new NotFoundException(error(404, `There is no sign-off ${id}.`));
    if (row.withdrawnAt !== null) {
      throw new ConflictException(
        error(
          409,
          `This sign-off of ${row.period} was already withdrawn by ${row.withdrawnBy ?? 'someone'}.`,
        ),
      );
    }
    await this.signOffs.update(
      { id: row.id, withdrawnAt: IsNull() },
      { withdrawnAt: () => 'now()', withdrawnBy: user.displayName || user.email, withdrawnReason: reason },
    );
    await this.notices.announce('serving', `signoff:${row.id}`);
    const stored = await this.signOffs.findOneByOrFail({ id: row.id });
    await this.audit.record({
      actor: { id: user.id, email: user.email },
      action: 'signoff.withdrawn',
      target: `signoff:${stored.id}`,
      detail: { period: stored.period, snapshotId: stored.snapshotId },
      ip,
    });
    return toSignOff(stored);
  }

  private alreadySignedOff(existing: SignOff): ConflictException {
    return new ConflictException(
      error(
        409,
        `${existing.period} is already signed off (by ${existing.signedOffBy}): withdraw that sign-off first.`,
      ),
    );
  }
}
