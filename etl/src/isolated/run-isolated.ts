import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../types';
import type { ChildMessage, IsolatedResult, IsolatedTask, PrepareInput, TaskMessage } from './task';

export interface IsolationLimits {
  /** The child's JavaScript heap (`--max-old-space-size`); DuckDB keeps its own memory limit. */
  memoryMb: number;
  /** A task is stopped (its child killed) after this long. */
  timeLimitMs: number;
}

/** Why a task gave no result. */
/** What V8 prints to stderr when the heap limit is reached. */
const OUT_OF_MEMORY = /heap out of memory|Allocation failed|out of memory/i;

export type IsolationProblem = 'time' | 'memory' | 'crashed' | 'failed';

export type IsolatedOutcome<T extends IsolatedTask> =
  { ok: true; result: IsolatedResult<T> } | { ok: false; problem: IsolationProblem; message: string };

/** An idle child is stopped after this long, so a quiet API holds no second process. */
const IDLE_MS = 15_000;

/**
 * The child's script: beside this file when compiled, or in the package's `dist` when this file
 * runs from its TypeScript source (tests).
 */
export function childScriptPath(): string {
  const candidates = [
    join(__dirname, 'child.js'),
    join(__dirname, '..', '..', 'dist', 'isolated', 'child.js'),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found)
    throw new Error(
      `The ETL child script is not built (looked for ${candidates.join(', ')}). Run "npm run build".`,
    );
  return found;
}

interface Pending {
  id: number;
  /** The child running it: a stopped child's late events must not end a later task. */
  child: ChildProcess;
  findings: Finding[];
  finish: (outcome: IsolatedOutcome<IsolatedTask>) => void;
}

/**
 * Runs validations and snapshot builds in one child process with its own memory limit, one task
 * at a time, each with a time limit: a huge or hostile file can neither block the caller's event
 * loop nor exhaust its memory. The child is reused while tasks keep coming (its start-up is paid
 * once per run), replaced after a task that fails it, and stopped when idle. `run` never rejects:
 * a task that runs out of time or memory, crashes its child or throws gives an outcome saying which.
 */
export class IsolatedWorker {
  private child: ChildProcess | null = null;
  private stderrTail = '';
  /** Whether the child said it ran out of memory (V8's native stack trace after it can be long). */
  private outOfMemorySeen = false;
  private pending: Pending | null = null;
  private nextId = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly limits: IsolationLimits) {}

  run<T extends IsolatedTask>(task: T): Promise<IsolatedOutcome<T>> {
    const next = this.queue.then(() => this.runNow(task));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Queues `task` as `run` does, but runs it only if `wanted()` still says so when its turn comes
   * (null otherwise): work sent ahead of need can be dropped once it is known not to be needed.
   */
  runIfWanted<T extends IsolatedTask>(task: T, wanted: () => boolean): Promise<IsolatedOutcome<T> | null> {
    const next = this.queue.then(() => (wanted() ? this.runNow(task) : null));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Forks the child now, if none is running, with nothing to do yet: its start-up (loading its
   * modules) then overlaps the caller's. Until a task is sent it does not keep the caller alive.
   */
  start(): void {
    if (this.closed || this.child) return;
    const child = this.startChild();
    child.unref();
    child.channel?.unref();
  }

  /**
   * Starts the child now and readies it (`PrepareInput`) without waiting: its start-up then runs
   * on another core while the caller starts up. Tasks run after it, as usual.
   */
  prepare(input: PrepareInput): void {
    void this.run({ kind: 'prepare', input });
  }

  /** Stops the child, if any (the application is closing); tasks still queued then do not run. */
  close(): void {
    this.closed = true;
    this.clearIdle();
    this.stopChild();
  }

  private runNow<T extends IsolatedTask>(task: T): Promise<IsolatedOutcome<T>> {
    // A task queued before close() would otherwise start a new child the closing caller waits on.
    if (this.closed)
      return Promise.resolve({ ok: false, problem: 'failed', message: 'the ETL worker was closed' });
    this.clearIdle();
    return new Promise((resolve) => {
      const child = this.child ?? this.startChild();
      this.nextId += 1;
      const id = this.nextId;
      const timer = setTimeout(() => {
        this.stopChild();
        pending.finish({
          ok: false,
          problem: 'time',
          message: `it took longer than ${Math.round(this.limits.timeLimitMs / 1000)} seconds`,
        });
      }, this.limits.timeLimitMs);
      const pending: Pending = {
        id,
        child,
        findings: [],
        finish: (outcome) => {
          if (this.pending !== pending) return;
          this.pending = null;
          clearTimeout(timer);
          // An idle child never keeps the caller alive (a command-line run exits when it is done).
          child.unref();
          child.channel?.unref();
          this.idleTimer = setTimeout(() => this.stopChild(), IDLE_MS);
          this.idleTimer.unref();
          resolve(outcome as IsolatedOutcome<T>);
        },
      };
      this.pending = pending;
      const message: TaskMessage = { id, task };
      child.ref();
      child.channel?.ref();
      child.send(message);
    });
  }

  private startChild(): ChildProcess {
    this.stderrTail = '';
    this.outOfMemorySeen = false;
    const child = fork(childScriptPath(), [], {
      execArgv: [`--max-old-space-size=${this.limits.memoryMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    // Only to tell "out of memory" from other crashes; never logged (it could quote a cell).
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-2_000);
      // Tested as the text arrives: the trace that follows the message can push it out of the tail.
      if (OUT_OF_MEMORY.test(this.stderrTail)) this.outOfMemorySeen = true;
    });
    const current = (): Pending | null => (this.pending?.child === child ? this.pending : null);
    child.on('message', (message: ChildMessage) => {
      const pending = current();
      if (!pending || message.id !== pending.id) return;
      if (message.type === 'findings') pending.findings.push(...message.findings);
      else if (message.type === 'failed')
        pending.finish({ ok: false, problem: 'failed', message: message.message });
      else
        pending.finish({
          ok: true,
          result: { ...message.result, findings: pending.findings } as IsolatedResult<IsolatedTask>,
        });
    });
    child.on('error', (error) => {
      if (this.child === child) this.child = null;
      current()?.finish({ ok: false, problem: 'crashed', message: error.message });
    });
    // 'close' comes after the last message has been delivered ('exit' may come before it).
    child.on('close', (code, signal) => {
      if (this.child === child) this.child = null;
      const outOfMemory = this.outOfMemorySeen || OUT_OF_MEMORY.test(this.stderrTail);
      current()?.finish(
        outOfMemory
          ? {
              ok: false,
              problem: 'memory',
              message: `it needed more than the ${this.limits.memoryMb} MB of memory allowed`,
            }
          : {
              ok: false,
              problem: 'crashed',
              message: `the process checking it stopped unexpectedly (${signal ?? `exit code ${code ?? 'unknown'}`})`,
            },
      );
    });
    this.child = child;
    return child;
  }

  private stopChild(): void {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

/** One task in a child of its own, stopped afterwards. */
export async function runIsolated<T extends IsolatedTask>(
  task: T,
  limits: IsolationLimits,
): Promise<IsolatedOutcome<T>> {
  const worker = new IsolatedWorker(limits);
  try {
    return await worker.run(task);
  } finally {
    worker.close();
  }
}
