import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Agency, ApiError } from '@oscp/contracts';
import { PARTNER_RETURN_DUE_WORKING_DAYS } from '@oscp/scorecard';
import { Repository } from 'typeorm';
import { AuditService, type AuditActor } from '../audit/audit.service';
import type { CreateAgencyBody, UpdateAgencyBody } from './agencies.dto';
import { AgencyEntity } from './agency.entity';

export function toAgency(row: AgencyEntity): Agency {
  return {
    code: row.code,
    name: row.name,
    type: row.type,
    returnDueWorkingDays: row.returnDueWorkingDays,
    contactEmail: row.contactEmail,
    retired: row.retired,
  };
}

function notFound(code: string): NotFoundException {
  const body: ApiError = { statusCode: 404, message: `There is no agency ${code}.` };
  return new NotFoundException(body);
}

/** The agencies table: list, add, change (every change audited), and the due days a build uses. */
@Injectable()
export class AgenciesService {
  constructor(
    @InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<Agency[]> {
    return (await this.agencies.find({ order: { code: 'ASC' } })).map(toAgency);
  }

  async get(code: string): Promise<Agency> {
    const row = await this.agencies.findOneBy({ code });
    if (!row) throw notFound(code);
    return toAgency(row);
  }

  /** Whether `code` is an agency that is not retired (users and uploads may name only those). */
  async isActive(code: string): Promise<boolean> {
    return (await this.agencies.countBy({ code, retired: false })) > 0;
  }

  async create(body: CreateAgencyBody, actor: AuditActor, ip: string | null): Promise<Agency> {
    if (await this.agencies.existsBy({ code: body.code })) {
      const error: ApiError = {
        statusCode: 409,
        message: `There is already an agency ${body.code}.`,
        fields: [{ field: 'code', message: 'is already taken' }],
      };
      throw new ConflictException(error);
    }
    const saved = await this.agencies.save(this.agencies.create({ ...body }));
    const agency = toAgency(saved);
    await this.audit.record({
      actor,
      action: 'agency.created',
      target: `agency:${agency.code}`,
      detail: { ...agency },
      ip,
    });
    return agency;
  }

  async update(code: string, body: UpdateAgencyBody, actor: AuditActor, ip: string | null): Promise<Agency> {
    const row = await this.agencies.findOneBy({ code });
    if (!row) throw notFound(code);
    const before = toAgency(row);
    const changed: Partial<Record<keyof Agency, { from: unknown; to: unknown }>> = {};
    for (const key of ['name', 'type', 'returnDueWorkingDays', 'contactEmail', 'retired'] as const) {
      const next = body[key];
      if (next !== undefined && next !== before[key]) changed[key] = { from: before[key], to: next };
    }
    if (Object.keys(changed).length === 0) return before;
    Object.assign(row, body, { updatedAt: new Date() });
    const agency = toAgency(await this.agencies.save(row));
    await this.audit.record({
      actor,
      action: 'agency.changed',
      target: `agency:${code}`,
      detail: { changed },
      ip,
    });
    return agency;
  }

  /**
   * The due days a snapshot build applies, for agencies whose days differ from the default 20
   * only (so that adding the table did not change the fingerprint of earlier snapshots).
   */
  async returnDueWorkingDays(): Promise<Record<string, number>> {
    const rows = await this.agencies.find({ order: { code: 'ASC' } });
    return Object.fromEntries(
      rows
        .filter((row) => row.returnDueWorkingDays !== PARTNER_RETURN_DUE_WORKING_DAYS)
        .map((row) => [row.code, row.returnDueWorkingDays]),
    );
  }
}
