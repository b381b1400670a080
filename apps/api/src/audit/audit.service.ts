import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AuditEntry, Page } from '@oscp/contracts';
import { Repository, type SelectQueryBuilder } from 'typeorm';
import { validIp } from '../auth/authenticated-request';
import { AuditEntryEntity } from './audit-entry.entity';

/** Who did it: the signed-in user (`@SignedInUser()`), or null for the system (scheduler, start-up). */
export interface AuditActor {
  id: string;
  email: string;
}

export interface AuditRecord {
  actor: AuditActor | null;
  /** Dotted verb, e.g. `upload.received`, `run.started`, `target.changed`, `export.scorecard`. */
  action: string;
  /** What it was done to, e.g. `user:<id>`, `run:<id>`, `indicator:SC01`. */
  target?: string | null;
  /** Ids, counts, file names, periods. Never row contents, cell values or passwords. */
  detail?: Record<string, unknown>;
  ip?: string | null;
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  actorEmail?: string;
  target?: string;
  from?: Date;
  to?: Date;
}

/** Keys that must never reach the audit log, whatever a caller passes. */
const FORBIDDEN_DETAIL_KEYS = /pass(word)?|secret|token|hash|cookie/i;

/** The append-only audit log. Import nothing: `AuditModule` is global. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('AuditService');

  constructor(@InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>) {}

  async record(entry: AuditRecord): Promise<void> {
    const row = new AuditEntryEntity();
    row.actorId = entry.actor?.id ?? null;
    row.actorEmail = entry.actor?.email ?? null;
    row.action = entry.action;
    row.target = entry.target ?? null;
    row.detail = scrubDetail(entry.detail ?? {});
    // Only a real address is stored, whatever a caller passes (no formulas, no 5,000-character strings).
    row.ip = validIp(entry.ip);
    await this.entries.save(row);
    this.logger.log({ action: entry.action, target: entry.target ?? null }, 'Audit entry recorded');
  }

  async list(filter: AuditFilter, limit: number, offset: number): Promise<Page<AuditEntry>> {
    const query = this.filtered(filter)
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(limit)
      .skip(offset);
    const [rows, total] = await query.getManyAndCount();
    return { items: rows.map(toAuditEntry), total, limit, offset };
  }

  /** Entries oldest first, in batches, for the CSV export. */
  async *stream(filter: AuditFilter, batchSize = 1000): AsyncGenerator<AuditEntry[]> {
    let afterId: string | null = null;
    for (;;) {
      const query = this.filtered(filter).orderBy('a.id', 'ASC').take(batchSize);
      if (afterId !== null) query.andWhere('a.id > :afterId', { afterId });
      const rows = await query.getMany();
      if (rows.length === 0) return;
      yield rows.map(toAuditEntry);
      afterId = rows[rows.length - 1]?.id ?? null;
      if (rows.length < batchSize) return;
    }
  }

  private filtered(filter: AuditFilter): SelectQueryBuilder<AuditEntryEntity> {
    const query = this.entries.createQueryBuilder('a');
    if (filter.action) query.andWhere('a.action like :action', { action: `${escapeLike(filter.action)}%` });
    if (filter.actorId) query.andWhere('a.actorId = :actorId', { actorId: filter.actorId });
    if (filter.actorEmail)
      query.andWhere('a.actorEmail = :actorEmail', { actorEmail: filter.actorEmail.trim().toLowerCase() });
    if (filter.target) query.andWhere('a.target = :target', { target: filter.target });
    if (filter.from) query.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('a.at < :to', { to: filter.to });
    return query;
  }
}

export function toAuditEntry(row: AuditEntryEntity): AuditEntry {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorEmail: row.actorEmail,
    action: row.action,
    target: row.target,
    detail: row.detail,
    ip: row.ip,
  };
}

/** Drops secret-looking keys at any depth (defence in depth; callers should not pass them). */
export function scrubDetail(detail: Record<string, unknown>): Record<string, unknown> {
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(detail)) {
    if (FORBIDDEN_DETAIL_KEYS.test(key)) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
      clean[key] = scrubDetail(value as Record<string, unknown>);
    } else {
      clean[key] = value;
    }
  }
  return clean;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
