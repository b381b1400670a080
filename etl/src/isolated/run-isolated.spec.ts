import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IsolatedWorker } from './run-isolated';
import type { TaskMessage } from './task';

/** Whether a new stand-in child answers each task at once, or waits for `answer`. */
let answerAtOnce = true;

/** A stand-in child process that answers every task with an empty result. */
class FakeChild extends EventEmitter {
  private readonly answersAtOnce = answerAtOnce;
  readonly stderr = new EventEmitter();
  readonly channel = { ref: vi.fn(), unref: vi.fn() };
  readonly ref = vi.fn();
  readonly unref = vi.fn();
  readonly sent: TaskMessage[] = [];
  exitCode: number | null = null;
  signalCode: string | null = null;
  send(message: TaskMessage): boolean {
    this.sent.push(message);
    if (this.answersAtOnce) setImmediate(() => this.answer(message.id));
    return true;
  }
  /** Ends task `id` as the real child does: its result, then the next task it holds. */
  answer(id: number): void {
    this.emit('message', { id, type: 'done', result: {} });
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
  answerAtOnce = true;
  vi.useRealTimers();
});

/** Lets queued microtasks and callbacks run (the worker sends on the turn after a task is queued). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const prepareTask = (laCode: number) => ({ kind: 'prepare', input: { laCode } }) as const;
/** The LA codes of the prepare tasks a child was sent, in order (each test's tasks tell themselves apart by it). */
const sentCodes = (child: FakeChild): number[] =>
  child.sent.map((message) => ('laCode' in message.task.input ? message.task.input.laCode : -1));

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

  it('sends work wanted ahead while the task before it runs, one task early, and anything else only when the child is free', async () => {
    answerAtOnce = false;
    const worker = new IsolatedWorker({ memoryMb: 256, timeLimitMs: 60_000 });
    const outcomes = [
      worker.runIfWanted(prepareTask(1), () => true),
      worker.runIfWanted(prepareTask(2), () => true),
      worker.runIfWanted(prepareTask(3), () => true),
      worker.run(prepareTask(4)),
    ];
    await settle();
    const [child] = forked;
    if (!child) throw new Error('no child');
    expect(sentCodes(child)).toEqual([1, 2]);

    child.answer(1);
    await settle();
    expect(sentCodes(child)).toEqual([1, 2, 3]);

    child.answer(2);
    await settle();
    expect(sentCodes(child)).toEqual([1, 2, 3]);

    child.answer(3);
    await settle();
    expect(sentCodes(child)).toEqual([1, 2, 3, 4]);
    child.answer(4);
    expect(await Promise.all(outcomes)).toEqual(Array(4).fill({ ok: true, result: { findings: [] } }));
    worker.close();
  });

  it('asks whether work sent ahead is still wanted when it is sent, and drops it if not', async () => {
    answerAtOnce = false;
    const worker = new IsolatedWorker({ memoryMb: 256, timeLimitMs: 60_000 });
    let secondWanted = true;
    const first = worker.runIfWanted(prepareTask(1), () => true);
    const second = worker.runIfWanted(prepareTask(2), () => secondWanted);
    const third = worker.runIfWanted(prepareTask(3), () => false);
    const fourth = worker.runIfWanted(prepareTask(4), () => true);
    await settle();
    secondWanted = false; // too late: it was sent with the first
    const [child] = forked;
    if (!child) throw new Error('no child');
    child.answer(1);
    await settle();
    child.answer(2);
    await settle();
    expect(sentCodes(child)).toEqual([1, 2, 4]);
    child.answer(child.sent[2]?.id ?? 0);
    expect(await Promise.all([first, second, third, fourth])).toEqual([
      { ok: true, result: { findings: [] } },
      { ok: true, result: { findings: [] } },
      null,
      { ok: true, result: { findings: [] } },
    ]);
    worker.close();
  });

  it('ends a task sent early with the problem of the one before it when that one stops the child', async () => {
    answerAtOnce = false;
    const worker = new IsolatedWorker({ memoryMb: 256, timeLimitMs: 60_000 });
    const running = worker.runIfWanted(prepareTask(1), () => true);
    const sentEarly = worker.runIfWanted(prepareTask(2), () => true);
    const later = worker.run(prepareTask(3));
    await settle();
    const [first] = forked;
    if (!first) throw new Error('no child');
    first.exitCode = 1;
    first.emit('close', 1, null);
    const crashed = {
      ok: false,
      problem: 'crashed',
      message: 'the process checking it stopped unexpectedly (exit code 1)',
    };
    expect(await running).toEqual(crashed);
    expect(await sentEarly).toEqual(crashed);
    await settle();
    // The next task goes to a new child.
    expect(forked).toHaveLength(2);
    forked[1]?.answer(3);
    expect(await later).toEqual({ ok: true, result: { findings: [] } });
    worker.close();
  });

  it('starts the time limit of a task sent early when the task before it ends, not when it is sent', async () => {
    answerAtOnce = false;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const worker = new IsolatedWorker({ memoryMb: 256, timeLimitMs: 1_000 });
    const first = worker.runIfWanted(prepareTask(1), () => true);
    const second = worker.runIfWanted(prepareTask(2), () => true);
    await settle();
    const [child] = forked;
    if (!child) throw new Error('no child');
    vi.advanceTimersByTime(900);
    child.answer(1);
    await settle();
    vi.advanceTimersByTime(900); // 1.8 s since it was sent, 0.9 s since it started
    child.answer(2);
    expect(await first).toEqual({ ok: true, result: { findings: [] } });
    expect(await second).toEqual({ ok: true, result: { findings: [] } });

    const third = worker.runIfWanted(prepareTask(3), () => true);
    await settle();
    vi.advanceTimersByTime(1_001);
    expect(await third).toEqual({ ok: false, problem: 'time', message: 'it took longer than 1 seconds' });
    worker.close();
  });
});
