import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { financialYearOf } from '@oscp/calendar';
import type { ApiError, TargetChange, TargetList, TargetOverride, TargetSetting } from '@oscp/contracts';
import { catalogue, indicatorByCode, type TargetOverrideInput } from '@oscp/scorecard';
import { Repository } from 'typeorm';
import { AuditService, type AuditActor } from '../audit/audit.service';
import { AppConfig, todayFor } from '../config/app-config';
import { checkTargetChange } from './target-change';
import { TargetOverrideEntity } from './target-override.entity';
import type { TargetOverridesSource } from './target-overrides-source';

/** A removed account's changes still show, under this name. */
const FORMER_USER = 'a former user';

function toTargetOverride(row: TargetOverrideEntity, names: ReadonlyMap<string, string>): TargetOverride {
  return {
    id: row.id,
    code: row.code,
    financialYear: row.financialYear,
    target: row.target,
    tolerance: row.tolerance,
    reason: row.reason,
    // Who changed it by name, not email: every signed-in user (viewers too) reads this list.
    createdBy: (row.createdById === null ? undefined : names.get(row.createdById)) ?? FORMER_USER,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Analysts' target changes. A change is recorded (who, when, why) and used by the next ETL run;
 * snapshots already published keep the targets they were built with.
 */
@Injectable()
export class TargetsService implements TargetOverridesSource {
  constructor(
    @InjectRepository(TargetOverrideEntity) private readonly overrides: Repository<TargetOverrideEntity>,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** Every indicator's target for a financial year (default: the current one), with its history. */
  async list(financialYear?: string): Promise<TargetList> {
    const year = financialYear ?? financialYearOf(todayFor(this.config));
    const rows = await this.overrides.find({ where: { financialYear: year }, order: { seq: 'DESC' } });
    const names = await this.displayNames(rows);
    const items: TargetSetting[] = catalogue.map((definition) => {
      const history =
        definition.polarity === 'context' ? [] : rows.filter((row) => row.code === definition.code);
      const latest = history[0];
      return {
        code: definition.code,
        title: definition.title,
        unit: definition.unit,
        polarity: definition.polarity,
        financialYear: year,
        target: latest ? latest.target : definition.target,
        tolerance: latest ? latest.tolerance : definition.tolerance,
        source: latest ? 'override' : 'catalogue',
        catalogueTarget: definition.target,
        catalogueTolerance: definition.tolerance,
        history: history.map((row) => toTargetOverride(row, names)),
      };
    });
    return { financialYear: year, items };
  }

  /** Records a change of target; audited. Validation errors are 400s, an unknown code a 404. */
  async change(
    code: string,
    financialYear: string,
    change: TargetChange,
    actor: AuditActor,
    ip: string | null,
  ): Promise<TargetOverride> {
    const definition = indicatorByCode(code);
    if (!definition) {
      const body: ApiError = { statusCode: 404, message: `There is no indicator ${code} in the catalogue.` };
      throw new NotFoundException(body);
    }
    const checked = checkTargetChange(definition, change);
    const previous = await this.overrides.findOne({
      where: { code: definition.code, financialYear },
      order: { seq: 'DESC' },
    });
    const saved = await this.overrides.save(
      this.overrides.create({
        code: definition.code,
        financialYear,
        target: checked.target,
        tolerance: checked.tolerance,
        reason: checked.reason,
        createdById: actor.id,
        createdBy: actor.email,
      }),
    );
    const stored = await this.overrides.findOneByOrFail({ id: saved.id });
    await this.audit.record({
      actor,
      action: 'target.changed',
      target: `indicator:${definition.code}`,
      detail: {
        code: definition.code,
        financialYear,
        target: checked.target,
        tolerance: checked.tolerance,
        previousTarget: previous ? previous.target : definition.target,
        previousTolerance: previous ? previous.tolerance : definition.tolerance,
      },
      ip,
    });
    return toTargetOverride(stored, await this.displayNames([stored]));
  }

  /** Display names of the accounts that made these changes, by account id. */
  private async displayNames(rows: readonly TargetOverrideEntity[]): Promise<Map<string, string>> {
    const ids = [...new Set(rows.map((row) => row.createdById).filter((id): id is string => id !== null))];
    if (ids.length === 0) return new Map();
    const found = (await this.overrides.query(
      'select id, display_name from app_user where id = any($1::uuid[])',
      [ids],
    )) as { id: string; display_name: string }[];
    return new Map(found.map((user) => [user.id, user.display_name]));
  }

  /**
   * The overrides a snapshot build applies: the latest per code and financial year, oldest
   * first (the rules let the last one win).
   */
  async overridesForBuild(): Promise<TargetOverrideInput[]> {
    const rows = await this.overrides.find({ order: { seq: 'ASC' } });
    const latest = new Map<string, TargetOverrideEntity>();
    for (const row of rows) {
      const key = `${row.code}|${row.financialYear}`;
      latest.delete(key);
      latest.set(key, row);
    }
    return [...latest.values()]
      .filter((row) => indicatorByCode(row.code)?.polarity !== 'context')
      .map((row) => ({
        code: row.code,
        financialYear: row.financialYear,
        target: row.target,
        tolerance: row.tolerance,
      }));
  }
}
