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
  private readonly checks = new FreshSharedWork<'database', Health>(() => this.checkNow());

  constructor(
    private readonly snapshots: SnapshotStore,
    @InjectRepository(EtlRunEntity) private readonly runs: Repository<EtlRunEntity>,
    private readonly database: DatabaseRuntime,
  ) {}

  /** The database's and the published snapshot's state. */
  check(): Promise<Health> {
    return this.checks.run('database');
  }

  private async checkNow(): Promise<Health> {
    // The latest run is read first: its answer also shows the database answers (one statement
    // per check, where `select 1` and then the run were two).
    const last = await this.latestRunWithinLimit();
    if (last === 'no answer') return databaseDown('The database does not answer.');
    if (last === 'too slow')
      return databaseDown(
        `The database did not answer within ${databaseWaitLimitMs(this.database) / 1000} seconds.`,
      );
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

  /**
   * The latest run, or why the database gave none. A statement that has not answered within the
   * wait the pool allows a statement for a connection counts as no answer: every request waiting
   * shares this check, so one statement that never returns must not hold them all. (Only the
   * statement is timed: checking the snapshot file after it may take longer, and is not the
   * database's.)
   */
  private latestRunWithinLimit(): Promise<EtlRunEntity[] | 'no answer' | 'too slow'> {
    let timer: NodeJS.Timeout | undefined;
    const outOfTime = new Promise<'too slow'>((resolve) => {
      timer = setTimeout(() => resolve('too slow'), databaseWaitLimitMs(this.database));
      timer.unref();
    });
    const latest = this.runs
      .find({ order: { startedAt: 'DESC' }, take: 1 })
      .catch((): 'no answer' => 'no answer');
    return Promise.race([latest, outOfTime]).finally(() => clearTimeout(timer));
  }
}

function databaseDown(reason: string): Health {
  return { status: 'degraded', database: 'error', warehouse: 'error', reason, lastRun: null };
}
