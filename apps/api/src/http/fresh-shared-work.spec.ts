import { describe, expect, it } from 'vitest';
import { FreshSharedWork } from './fresh-shared-work';

/** Work that settles when the test says, one entry per run begun. */
function controlledWork() {
  const runs: { key: string; resolve: (value: number) => void; reject: (error: Error) => void }[] = [];
  const work = new FreshSharedWork<string, number>(
    (key) =>
      new Promise<number>((resolve, reject) => {
        runs.push({ key, resolve, reject });
      }),
  );
  return { work, runs };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('FreshSharedWork', () => {
  it('begins the next run for waiting callers when the running one fails', async () => {
    const { work, runs } = controlledWork();
    const first = work.run('a');
    const second = work.run('a');
    expect(runs).toHaveLength(1);
    runs[0]?.reject(new Error('gone'));
    await expect(first).rejects.toThrow('gone');
    await settle();
    expect(runs).toHaveLength(2);
    runs[1]?.resolve(7);
    expect(await second).toBe(7);
  });

  it('begins a new run for a caller that arrives after a lone run failed', async () => {
    const { work, runs } = controlledWork();
    const first = work.run('a');
    runs[0]?.reject(new Error('gone'));
    await expect(first).rejects.toThrow('gone');
    const later = work.run('a');
    expect(runs).toHaveLength(2);
    runs[1]?.resolve(3);
    expect(await later).toBe(3);
  });

  it('keeps the runs of different keys apart', async () => {
    const { work, runs } = controlledWork();
    const a = work.run('a');
    const b = work.run('b');
    expect(runs.map((run) => run.key)).toEqual(['a', 'b']);
    runs[0]?.resolve(1);
    runs[1]?.resolve(2);
    expect([await a, await b]).toEqual([1, 2]);
  });
});
