import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Page, QualityFinding, RunDetail, RunSummary } from '@oscp/contracts';
import { Repository, type FindOptionsWhere } from 'typeorm';
import { EtlRunEntity } from './etl-run.entity';
import { QualityFindingEntity } from './quality-finding.entity';
import { toQualityFinding, toRunSummary, toSubmissionSummary } from './run-views';
import { SubmissionEntity } from './submission.entity';

export interface FindingFilter {
  dataset?: string;
  rule?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Runs, their submissions and findings, as the API shows them. */
@Injectable()
export class RunHistoryService {
  constructor(
    @InjectRepository(EtlRunEntity) private readonly runs: Repository<EtlRunEntity>,
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
    @InjectRepository(QualityFindingEntity) private readonly findings: Repository<QualityFindingEntity>,
  ) {}

  async list(limit: number, offset: number): Promise<Page<RunSummary>> {
    const [rows, total] = await this.runs.findAndCount({
      order: { startedAt: 'DESC' },
      take: limit,
      skip: offset,
    });
    return { items: rows.map(toRunSummary), total, limit, offset };
  }

  /** Null when there is no such run. */
  async detail(id: string, filter: FindingFilter, limit: number, offset: number): Promise<RunDetail | null> {
    if (!UUID.test(id)) return null;
    const run = await this.runs.findOneBy({ id });
    if (!run) return null;
    const submissions = await this.submissions.find({
      where: { runId: id },
      order: { dataset: 'ASC', extractDate: 'ASC', fileName: 'ASC' },
    });
    const [rows, total] = await this.findings.findAndCount({
      where: this.findingWhere(id, filter),
      order: { seq: 'ASC' },
      take: limit,
      skip: offset,
    });
    return {
      ...toRunSummary(run),
      submissions: submissions.map(toSubmissionSummary),
      findings: { items: rows.map(toQualityFinding), total, limit, offset },
    };
  }

  /** Every finding of a run (filtered), in order, a page at a time, for the CSV download. */
  async *allFindings(id: string, filter: FindingFilter): AsyncGenerator<QualityFinding[]> {
    const pageSize = 5_000;
    for (let offset = 0; ; offset += pageSize) {
      const rows = await this.findings.find({
        where: this.findingWhere(id, filter),
        order: { seq: 'ASC' },
        take: pageSize,
        skip: offset,
      });
      if (rows.length === 0) return;
      yield rows.map(toQualityFinding);
      if (rows.length < pageSize) return;
    }
  }

  async exists(id: string): Promise<boolean> {
    return UUID.test(id) && (await this.runs.existsBy({ id }));
  }

  private findingWhere(runId: string, filter: FindingFilter): FindOptionsWhere<QualityFindingEntity> {
    return {
      runId,
      ...(filter.dataset ? { dataset: filter.dataset } : {}),
      ...(filter.rule ? { rule: filter.rule } : {}),
    };
  }
}
