import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ApiError, Subgroup } from '@oscp/contracts';
import { Repository } from 'typeorm';
import { subgroupSlug } from '../database/migrations/1765120000000-exception-reports';
import type { CreateSubgroupBody, UpdateSubgroupBody } from './subgroups.dto';
import { SubgroupEntity } from './subgroup.entity';

export function toSubgroup(row: SubgroupEntity): Subgroup {
  return {
    id: row.id,
    name: row.name,
    indicatorCodes: [...row.indicatorCodes].sort(),
    retired: row.retired,
  };
}

/** The partnership's subgroups (PostgreSQL `subgroup`), which own indicators and their reports. */
@Injectable()
export class SubgroupsService {
  constructor(@InjectRepository(SubgroupEntity) private readonly subgroups: Repository<SubgroupEntity>) {}

  async list(): Promise<Subgroup[]> {
    const rows = await this.subgroups.find({ order: { name: 'ASC' } });
    return rows.map(toSubgroup);
  }

  /** The ids of the subgroups (not retired) that own an indicator. */
  async idsOwning(code: string): Promise<string[]> {
    const rows = await this.subgroups
      .createQueryBuilder('s')
      .where(':code = any(s.indicator_codes)', { code })
      .andWhere('s.retired = false')
      .orderBy('s.id')
      .getMany();
    return rows.map((row) => row.id);
  }

  /** Refuses ids that are not subgroups (a 400 naming the field), so a user form can only pick from the list. */
  async requireIds(ids: readonly string[], field = 'subgroups'): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const found = await this.subgroups
      .createQueryBuilder('s')
      .where('s.id in (:...ids)', { ids: unique })
      .getMany();
    const known = new Set(found.map((row) => row.id));
    const unknown = unique.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      const body: ApiError = {
        statusCode: 400,
        message: 'Some values are not valid.',
        fields: [{ field, message: `Choose subgroups from the list (unknown: ${unknown.join(', ')}).` }],
      };
      throw new BadRequestException(body);
    }
    return unique;
  }

  async create(body: CreateSubgroupBody): Promise<Subgroup> {
    await this.refuseDuplicateName(body.name, null);
    const base = subgroupSlug(body.name);
    let id = base;
    for (let n = 2; await this.subgroups.exists({ where: { id } }); n += 1) id = `${base}-${n}`;
    await this.subgroups.insert({ id, name: body.name, indicatorCodes: [...new Set(body.indicatorCodes)] });
    return toSubgroup(await this.subgroups.findOneByOrFail({ id }));
  }

  async update(id: string, body: UpdateSubgroupBody): Promise<{ subgroup: Subgroup; changed: string[] }> {
    const row = await this.subgroups.findOneBy({ id });
    if (!row) throw new NotFoundException({ statusCode: 404, message: 'No such subgroup.' });
    const changed: string[] = [];
    if (body.name !== undefined && body.name !== row.name) {
      await this.refuseDuplicateName(body.name, id);
      row.name = body.name;
      changed.push('name');
    }
    if (body.indicatorCodes !== undefined) {
      const next = [...new Set(body.indicatorCodes)].sort();
      if (next.join() !== [...row.indicatorCodes].sort().join()) {
        row.indicatorCodes = next;
        changed.push('indicatorCodes');
      }
    }
    if (body.retired !== undefined && body.retired !== row.retired) {
      row.retired = body.retired;
      changed.push('retired');
    }
    if (changed.length > 0) await this.subgroups.save(row);
    return { subgroup: toSubgroup(row), changed };
  }

  private async refuseDuplicateName(name: string, exceptId: string | null): Promise<void> {
    const clash = await this.subgroups
      .createQueryBuilder('s')
      .where('lower(s.name) = lower(:name)', { name })
      .andWhere(exceptId ? 's.id <> :exceptId' : 'true', { exceptId })
      .getOne();
    if (clash)
      throw new ConflictException({
        statusCode: 409,
        message: `A subgroup called ${clash.name} exists already.`,
      });
  }
}
