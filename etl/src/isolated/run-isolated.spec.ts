import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IsolatedWorker } from './run-isolated';
import type { TaskMessage } from './task';

/** A stand-in child process that answers every task with an empty result. */
class FakeChild extends EventEmitter {
  readonly stderr = new EventEmitter();
  readonly channel = { ref: vi.fn(), unref: vi.fn() };
  readonly ref = vi.fn();
  readonly unref = vi.fn();
  readonly sent: TaskMessage[] = [];
  exitCode: number | null = null;
  signalCode: string | null = null;
  send(message: TaskMessage): boolean {
    this.sent.push(message);
    setImmediate(() => this.emit('message', { id: message.id, type: 'done', result: {} }));
    return true;
  }
  kill(): boolean {
    this.signalCode = 'SIGKILL';
    return true;
  }
}

const forked: FakeChild[] = [];
vi.mock('node:child_process', () => ({
  fork: vi.fn(() => {
    const child = new FakeChild();
    forked.push(child);
    return child;
  }),
}));

afterEach(() => {
  forked.length = 0;
});

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
    expect(forked).toHaveLength(0);
  });

  it('forks the child at start, without keeping the caller alive, and runs the next task on that child', async () => {
    const worker = new IsolatedWorker({ memoryMb: 256, timeLimitMs: 60_000 });
    worker.start();
    worker.start();
    expect(forked).toHaveLength(1);
    const [child] = forked;
    expect(child?.unref).toHaveBeenCalled();
    expect(child?.sent).toEqual([]);

    const outcome = await worker.run({ kind: 'prepare', input: { laCode: 353 } });

    expect(outcome).toEqual({ ok: true, result: { findings: [] } });
    expect(forked).toHaveLength(1);
    expect(child?.sent).toEqual([{ id: 1, task: { kind: 'prepare', input: { laCode: 353 } } }]);
    worker.close();
  });

  it('forks nothing at start once closed', () => {
    const worker = new IsolatedWorker({ memoryMb: 256, timeLimitMs: 60_000 });
    worker.close();
    worker.start();
    expect(forked).toHaveLength(0);
  });
});
