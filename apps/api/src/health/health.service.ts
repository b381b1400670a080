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
      return { status: 'degraded', database: 'error', warehouse: 'error', lastRun: null };
    }
    const [warehouse, last] = await Promise.all([
      this.snapshots.warehouseState().catch(() => 'error' as const),
      this.runs.find({ order: { startedAt: 'DESC' }, take: 1 }),
    ]);
    const run = last[0];
    return {
      status: warehouse === 'error' ? 'degraded' : 'ok',
      database: 'ok',
      warehouse,
      lastRun: run
        ? { id: run.id, status: run.status, finishedAt: run.finishedAt?.toISOString() ?? null }
        : null,
    };
  }
}
