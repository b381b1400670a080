import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type {
  FindingCount,
  FindingGroup,
  FindingKind,
  Page,
  QualityFinding,
  RunDetail,
  RunSummary,
} from '@oscp/contracts';
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
    const counts = (await this.findings.query(
      `select file_name as "fileName", column_name as "column", kind, count(*)::integer as count
       from quality_finding where run_id = $1
       group by file_name, column_name, kind
       order by file_name, count(*) desc, column_name nulls first, kind`,
      [id],
    )) as FindingCount[];
    return {
      ...toRunSummary(run),
      submissions: submissions.map(toSubmissionSummary),
      findingGroups: await this.findingGroups(id),
      findings: { items: rows.map(toQualityFinding), total, limit, offset },
      findingCounts: counts,
    };
  }

  /**
   * The run's findings by dataset and rule with counts (largest first) and the first 3 of each,
   * so a file with thousands of findings reads as a few lines before the full list.
   */
  async findingGroups(runId: string, examplesPerGroup = 3): Promise<FindingGroup[]> {
    const groups = (await this.findings.query(
      `select dataset, rule, min(kind) as kind, count(*)::int as count
       from quality_finding where run_id = $1
       group by dataset, rule
       order by count(*) desc, dataset, rule`,
      [runId],
    )) as { dataset: string; rule: string; kind: FindingKind; count: number }[];
    if (groups.length === 0) return [];
    const firstIds = (await this.findings.query(
      `select id from (
         select id, row_number() over (partition by dataset, rule order by seq) as n
         from quality_finding where run_id = $1
       ) ranked where n <= $2`,
      [runId, examplesPerGroup],
    )) as { id: string }[];
    const examples = await this.findings.find({
      where: firstIds.map((row) => ({ id: row.id })),
      order: { seq: 'ASC' },
    });
    return groups.map((group) => ({
      ...group,
      examples: examples
        .filter((row) => row.dataset === group.dataset && row.rule === group.rule)
        .map(toQualityFinding),
    }));
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
