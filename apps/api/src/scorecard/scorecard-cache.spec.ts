import type { Scorecard } from '@oscp/contracts';
import { describe, expect, it } from 'vitest';
import { ScorecardCache } from './scorecard-cache';

const card = (snapshotId: string) => ({ snapshotId }) as unknown as Scorecard;

describe('the scorecard cache', () => {
  it('computes a scorecard once for concurrent requests of one snapshot and key', async () => {
    const cache = new ScorecardCache();
    let computed = 0;
    const compute = async () => {
      computed += 1;
      return card('a');
    };
    const [first, second] = await Promise.all([cache.get('a', 'k', compute), cache.get('a', 'k', compute)]);
    expect(computed).toBe(1);
    expect(second).toBe(first);
  });

  it('drops the previous current snapshot when another is published', async () => {
    const cache = new ScorecardCache();
    let computed = 0;
    const compute = (id: string) => async () => {
      computed += 1;
      return card(id);
    };
    cache.noteCurrent('a');
    await cache.get('a', 'k', compute('a'));
    cache.noteCurrent('b');
    expect(cache.snapshotCount).toBe(0);
    expect((await cache.get('b', 'k', compute('b'))).snapshotId).toBe('b');
    expect(computed).toBe(2);
  });

  it('does not keep a computation that failed', async () => {
    const cache = new ScorecardCache();
    await expect(cache.get('a', 'k', () => Promise.reject(new Error('file gone')))).rejects.toThrow(
      'file gone',
    );
    expect((await cache.get('a', 'k', async () => card('a'))).snapshotId).toBe('a');
  });

  it('keeps the scorecards of at most four snapshots, the current one always among them', async () => {
    const cache = new ScorecardCache();
    cache.noteCurrent('current');
    await cache.get('current', 'k', async () => card('current'));
    for (const id of ['s1', 's2', 's3', 's4', 's5']) await cache.get(id, 'k', async () => card(id));
    expect(cache.snapshotCount).toBe(4);
    let recomputed = false;
    await cache.get('current', 'k', async () => {
      recomputed = true;
      return card('current');
    });
    expect(recomputed).toBe(false);
  });
});
