import { describe, expect, it } from 'vitest';
import { IsolatedWorker } from './run-isolated';

describe('IsolatedWorker', () => {
  it('runs no task still queued when it is closed, so its caller is not kept waiting on a new child', async () => {
    const worker = new IsolatedWorker({ memoryMb: 256, timeLimitMs: 60_000 });
    const queued = [
      worker.run({ kind: 'prepare', input: { laCode: 353 } }),
      worker.runIfWanted({ kind: 'prepare', input: { laCode: 353 } }, () => true),
    ];
    worker.close();

    expect(await Promise.all(queued)).toEqual([
      { ok: false, problem: 'failed', message: 'the ETL worker was closed' },
      { ok: false, problem: 'failed', message: 'the ETL worker was closed' },
    ]);
  });
});
