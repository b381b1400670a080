import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Health } from '@oscp/contracts';
import { Repository } from 'typeorm';
import { DatabaseRuntime } from '../database/database-runtime';
import { databaseWaitLimitMs } from '../database/data-source';
import { FreshSharedWork } from '../http/fresh-shared-work';
import { EtlRunEntity } from '../pipeline/etl-run.entity';
import { SnapshotStore } from '../pipeline/snapshot-store';

@Injectable()
export class HealthService {
  /**
   * Checks shared by the requests that arrive while one runs, each answered by a check that began
   * after it arrived (`FreshSharedWork`; why in decisions.md, "Health checks are shared").
   */
  private readonly checks = new FreshSharedWork<'database', Health>(() => this.checkWithinLimit());

  constructor(
    private readonly snapshots: SnapshotStore,
    @InjectRepository(EtlRunEntity) private readonly runs: Repository<EtlRunEntity>,
    private readonly database: DatabaseRuntime,
  ) {}

  /** The database's and the published snapshot's state. */
  check(): Promise<Health> {
    return this.checks.run('database');
  }

  /**
   * A check that has not ended within the database's wait limit answers that the database does
   * not answer: every request waiting for it shares it, so a statement that never returns must
   * not hold them all.
   */
  private checkWithinLimit(): Promise<Health> {
    const limitMs = databaseWaitLimitMs(this.database);
    let timer: NodeJS.Timeout | undefined;
    const outOfTime = new Promise<Health>((resolve) => {
      timer = setTimeout(
        () => resolve(databaseDown(`The database did not answer within ${limitMs / 1000} seconds.`)),
        limitMs,
      );
    });
    return Promise.race([this.checkNow(), outOfTime]).finally(() => clearTimeout(timer));
  }

  private async checkNow(): Promise<Health> {
    // The latest run is read first: its answer also shows the database answers (one statement
    // per check, where `select 1` and then the run were two).
    let last: EtlRunEntity[];
    try {
      last = await this.runs.find({ order: { startedAt: 'DESC' }, take: 1 });
    } catch {
      return databaseDown('The database does not answer.');
    }
    const serving = await this.snapshots.serving().catch(() => null);
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

function databaseDown(reason: string): Health {
  return { status: 'degraded', database: 'error', warehouse: 'error', reason, lastRun: null };
}
