import type { DataSource } from 'typeorm';
import { describe, expect, it } from 'vitest';
import type { RuntimeMode } from '../runtime-mode';
import { ChangeNotices, KeptValue } from './change-notices';
import type { DatabaseRuntime } from './database-runtime';

/** Notices of a process on the embedded database (always coherent) or on PostgreSQL before it listens. */
function notices(embedded: boolean): ChangeNotices {
  const runtime = { embedded, url: 'postgres://unused' } as unknown as DatabaseRuntime;
  const mode = { mode: 'server' } as RuntimeMode;
  const dataSource = { query: async () => [] } as unknown as DataSource;
  return new ChangeNotices(runtime, mode, dataSource);
}

/** A read that counts its calls and resolves when told. */
function countedRead(): {
  read: () => Promise<number>;
  calls: () => number;
  finish: (value: number) => void;
} {
  let calls = 0;
  const pending: ((value: number) => void)[] = [];
  return {
    read: () => {
      calls += 1;
      return new Promise<number>((resolve) => pending.push(resolve));
    },
    calls: () => calls,
    finish: (value) => {
      for (const resolve of pending.splice(0)) resolve(value);
    },
  };
}

describe('KeptValue', () => {
  it('reads once, shares the read between concurrent callers and answers later ones from memory', async () => {
    const source = countedRead();
    const kept = new KeptValue(notices(true), 'serving', 60_000, source.read);
    const both = Promise.all([kept.get(), kept.get()]);
    source.finish(7);
    expect(await both).toEqual([7, 7]);
    expect(await kept.get()).toBe(7);
    expect(source.calls()).toBe(1);
  });

  it('reads again after a change of its topic, not after a change of another', async () => {
    const changes = notices(true);
    let value = 1;
    let calls = 0;
    const kept = new KeptValue(changes, 'serving', 60_000, async () => {
      calls += 1;
      return value;
    });
    expect(await kept.get()).toBe(1);
    value = 2;
    await changes.announce('sessions', 'user:someone');
    expect(await kept.get()).toBe(1);
    await changes.announce('serving', 'a-new-snapshot');
    expect(await kept.get()).toBe(2);
    expect(calls).toBe(2);
  });

  it('does not keep a value whose read began before a change', async () => {
    const changes = notices(true);
    const source = countedRead();
    const kept = new KeptValue(changes, 'serving', 60_000, source.read);
    const before = kept.get();
    await changes.announce('serving', 'published');
    source.finish(1);
    expect(await before).toBe(1);
    const after = kept.get();
    expect(source.calls()).toBe(2);
    source.finish(2);
    expect(await after).toBe(2);
    expect(await kept.get()).toBe(2);
    expect(source.calls()).toBe(2);
  });

  it('reads again once the kept value is older than its maximum age', async () => {
    let calls = 0;
    const kept = new KeptValue(notices(true), 'serving', 0, async () => ++calls);
    expect(await kept.get()).toBe(1);
    expect(await kept.get()).toBe(2);
  });

  it('reads every time while changes made elsewhere cannot be heard', async () => {
    let calls = 0;
    const changes = notices(false);
    expect(changes.coherent).toBe(false);
    const kept = new KeptValue(changes, 'serving', 60_000, async () => ++calls);
    expect(await kept.get()).toBe(1);
    expect(await kept.get()).toBe(2);
  });
});
