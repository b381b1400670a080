import type { Repository } from 'typeorm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DatabaseRuntime } from '../database/database-runtime';
import type { EtlRunEntity } from '../pipeline/etl-run.entity';
import type { ServingState, SnapshotStore } from '../pipeline/snapshot-store';
import { HealthService } from './health.service';

/** A runs repository whose `find` answers when the test says, counting the statements sent. */
function runsAnswering() {
  const pending: { resolve: (rows: EtlRunEntity[]) => void; reject: (error: Error) => void }[] = [];
  const runs = {
    find: () =>
      new Promise<EtlRunEntity[]>((resolve, reject) => {
        pending.push({ resolve, reject });
      }),
  } as unknown as Repository<EtlRunEntity>;
  return { runs, pending };
}

const serving = {
  serving: async (): Promise<ServingState> => ({ state: 'empty' }),
} as unknown as SnapshotStore;

const settle = () => new Promise((resolve) => setImmediate(resolve));

const onPostgres = { embedded: false } as DatabaseRuntime;

describe('the health check', () => {
  it('answers requests that arrive while a check runs with one check begun after them', async () => {
    const { runs, pending } = runsAnswering();
    const health = new HealthService(serving, runs, onPostgres);
    const first = health.check();
    const second = health.check();
    const third = health.check();
    expect(pending).toHaveLength(1);
    pending[0]?.reject(new Error('connection refused'));
    expect((await first).database).toBe('error');
    await settle();
    // The two later requests share the next check, which sees the database answer again.
    expect(pending).toHaveLength(2);
    pending[1]?.resolve([]);
    const [secondAnswer, thirdAnswer] = await Promise.all([second, third]);
    expect(secondAnswer).toEqual({ status: 'ok', database: 'ok', warehouse: 'empty', lastRun: null });
    expect(thirdAnswer).toBe(secondAnswer);
    expect(pending).toHaveLength(2);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("answers that the database does not answer when a check outlasts the database's wait limit", async () => {
    vi.useFakeTimers();
    const { runs, pending } = runsAnswering();
    const health = new HealthService(serving, runs, onPostgres);
    const stuck = health.check();
    const waiting = health.check();
    await vi.advanceTimersByTimeAsync(9_999);
    expect(pending).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await stuck).toEqual({
      status: 'degraded',
      database: 'error',
      warehouse: 'error',
      reason: 'The database did not answer within 10 seconds.',
      lastRun: null,
    });
    // The request that waited gets a check of its own, begun after the stuck one gave up.
    expect(pending).toHaveLength(2);
    pending[1]?.resolve([]);
    expect((await waiting).database).toBe('ok');
  });

  it('times only the database statement, not the check of the snapshot file after it', async () => {
    vi.useFakeTimers();
    const { runs, pending } = runsAnswering();
    const slowFileCheck = {
      serving: () =>
        new Promise<ServingState>((resolve) => {
          setTimeout(() => resolve({ state: 'empty' }), 30_000);
        }),
    } as unknown as SnapshotStore;
    const health = new HealthService(slowFileCheck, runs, onPostgres);
    const answer = health.check();
    pending[0]?.resolve([]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await answer).toEqual({ status: 'ok', database: 'ok', warehouse: 'empty', lastRun: null });
  });

  it('asks the database again for a request that arrives after the checks have ended', async () => {
    const { runs, pending } = runsAnswering();
    const health = new HealthService(serving, runs, onPostgres);
    const before = health.check();
    pending[0]?.resolve([]);
    expect((await before).database).toBe('ok');
    await settle();
    const after = health.check();
    expect(pending).toHaveLength(2);
    pending[1]?.reject(new Error('connection refused'));
    expect((await after).database).toBe('error');
  });
});
