import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Health } from '@oscp/contracts';
import { DataSource, Repository } from 'typeorm';
import { EtlRunEntity } from '../pipeline/etl-run.entity';
import { SnapshotStore } from '../pipeline/snapshot-store';

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly snapshots: SnapshotStore,
    @InjectRepository(EtlRunEntity) private readonly runs: Repository<EtlRunEntity>,
  ) {}

  async check(): Promise<Health> {
    try {
      await this.dataSource.query('select 1');
    } catch {
      return {
        status: 'degraded',
        database: 'error',
        warehouse: 'error',
        reason: 'The database does not answer.',
        lastRun: null,
      };
    }
    const [serving, last] = await Promise.all([
      this.snapshots.serving().catch(() => null),
      this.runs.find({ order: { startedAt: 'DESC' }, take: 1 }),
    ]);
    const run = last[0];
    const warehouse = serving?.state ?? 'error';
    const reason =
      serving === null
        ? 'The published snapshot could not be checked.'
        : serving.state === 'degraded'
          ? `The published snapshot cannot be read (${serving.reason}); the earlier snapshot ${serving.snapshot.id} is served until the next run rebuilds it.`
          : serving.state === 'error'
            ? `The published snapshot cannot be read (${serving.reason}) and no earlier snapshot can stand in.`
            : undefined;
    return {
      status: warehouse === 'error' || warehouse === 'degraded' ? 'degraded' : 'ok',
      database: 'ok',
      warehouse,
      ...(reason === undefined ? {} : { reason }),
      lastRun: run
        ? { id: run.id, status: run.status, finishedAt: run.finishedAt?.toISOString() ?? null }
        : null,
    };
  }
}
