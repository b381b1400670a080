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
  /** Its time limit, started when the child starts it (when the task sent before it has ended). */
  timer: NodeJS.Timeout | null;
  finish: (outcome: IsolatedOutcome<IsolatedTask>) => void;
}

interface Waiting {
  task: IsolatedTask;
  /** For work sent ahead of need (`runIfWanted`): whether it is still wanted. Null for `run`. */
  wanted: (() => boolean) | null;
  resolve: (outcome: IsolatedOutcome<IsolatedTask> | null) => void;
}

/**
 * Runs validations and snapshot builds in one child process with its own memory limit, one task
 * at a time, each with a time limit: a huge or hostile file can neither block the caller's event
 * loop nor exhaust its memory. The child is reused while tasks keep coming (its start-up is paid
 * once per run), replaced after a task that fails it, and stopped when idle. `run` never rejects:
 * a task that runs out of time or memory, crashes its child or throws gives an outcome saying which.
 *
 * Work sent ahead of need (`runIfWanted`) is sent to the child one task early, while the task
 * before it runs, and waits there: the child starts it the moment the one before ends, instead of
 * waiting for this process to hear of the end and answer (its event loop can be busy loading an
 * application for a tenth of a second). A task sent early shares the fate of the one before it:
 * if that one kills the child, both end with its problem.
 */
export class IsolatedWorker {
  private child: ChildProcess | null = null;
  private stderrTail = '';
  /** Whether the child said it ran out of memory (V8's native stack trace after it can be long). */
  private outOfMemorySeen = false;
  /** Tasks sent to the child, in its order: the first is running, any other waits in the child. */
  private inFlight: Pending[] = [];
  private waiting: Waiting[] = [];
  private nextId = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly limits: IsolationLimits) {}

  run<T extends IsolatedTask>(task: T): Promise<IsolatedOutcome<T>> {
    return new Promise((resolve) => {
      this.enqueue({ task, wanted: null, resolve: (outcome) => resolve(outcome as IsolatedOutcome<T>) });
    });
  }

  /**
   * Queues `task` as `run` does, but runs it only if `wanted()` still says so when it is sent to
   * the child (null otherwise): work sent ahead of need can be dropped once it is known not to be
   * needed. It is sent while the task before it runs (see the class comment), so `wanted()` is
   * asked one task earlier than its turn.
   */
  runIfWanted<T extends IsolatedTask>(task: T, wanted: () => boolean): Promise<IsolatedOutcome<T> | null> {
    return new Promise((resolve) => {
      this.enqueue({ task, wanted, resolve: (outcome) => resolve(outcome as IsolatedOutcome<T> | null) });
    });
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
   * on another core while the caller starts up. Tasks run after it, as usual; like work sent ahead
   * of need, it is sent while the task before it runs.
   */
  prepare(input: PrepareInput): void {
    void this.runIfWanted({ kind: 'prepare', input }, () => true);
  }

  /** Stops the child, if any (the application is closing); tasks still queued then do not run. */
  close(): void {
    this.closed = true;
    this.clearIdle();
    // A task queued before close() would otherwise start a new child the closing caller waits on.
    for (const waiting of this.waiting.splice(0))
      waiting.resolve({ ok: false, problem: 'failed', message: 'the ETL worker was closed' });
    this.stopChild();
  }

  private enqueue(waiting: Waiting): void {
    this.waiting.push(waiting);
    // On the next turn, as a task chained on the one before would be: a caller closing the worker
    // in the same turn it queued a task starts no child for it.
    queueMicrotask(() => this.sendWhatCanGo());
  }

  /**
   * Sends the next task when the child has none; when it has one running, sends the next only if
   * it is work sent ahead of need (anything else starts when the child is free, so its time limit
   * and its child are its own).
   */
  private sendWhatCanGo(): void {
    while (this.waiting.length > 0) {
      const next = this.waiting[0] as Waiting;
      if (this.closed) return;
      if (this.inFlight.length > 1 || (this.inFlight.length === 1 && next.wanted === null)) return;
      this.waiting.shift();
      if (next.wanted !== null && !next.wanted()) {
        next.resolve(null);
        continue;
      }
      this.send(next);
    }
  }

  private send(waiting: Waiting): void {
    this.clearIdle();
    const child = this.child ?? this.startChild();
    this.nextId += 1;
    const pending: Pending = {
      id: this.nextId,
      child,
      findings: [],
      timer: null,
      finish: (outcome) => {
        const index = this.inFlight.indexOf(pending);
        if (index < 0) return;
        this.inFlight.splice(index, 1);
        if (pending.timer) clearTimeout(pending.timer);
        const running = this.inFlight[0];
        if (running) {
          if (running.timer === null) this.startTimeLimit(running);
        } else {
          // An idle child never keeps the caller alive (a command-line run exits when it is done).
          child.unref();
          child.channel?.unref();
          this.idleTimer = setTimeout(() => this.stopChild(), IDLE_MS);
          this.idleTimer.unref();
        }
        waiting.resolve(outcome);
        this.sendWhatCanGo();
      },
    };
    this.inFlight.push(pending);
    if (this.inFlight.length === 1) this.startTimeLimit(pending);
    const message: TaskMessage = { id: pending.id, task: waiting.task };
    child.ref();
    child.channel?.ref();
    child.send(message);
  }

  private startTimeLimit(pending: Pending): void {
    pending.timer = setTimeout(() => {
      this.stopChild();
      pending.finish({
        ok: false,
        problem: 'time',
        message: `it took longer than ${Math.round(this.limits.timeLimitMs / 1000)} seconds`,
      });
    }, this.limits.timeLimitMs);
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
    const sentTo = (): Pending[] => this.inFlight.filter((pending) => pending.child === child);
    child.on('message', (message: ChildMessage) => {
      const pending = sentTo().find((each) => each.id === message.id);
      if (!pending) return;
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
      for (const pending of sentTo())
        pending.finish({ ok: false, problem: 'crashed', message: error.message });
    });
    // 'close' comes after the last message has been delivered ('exit' may come before it).
    child.on('close', (code, signal) => {
      if (this.child === child) this.child = null;
      const outOfMemory = this.outOfMemorySeen || OUT_OF_MEMORY.test(this.stderrTail);
      const outcome: IsolatedOutcome<IsolatedTask> = outOfMemory
        ? {
            ok: false,
            problem: 'memory',
            message: `it needed more than the ${this.limits.memoryMb} MB of memory allowed`,
          }
        : {
            ok: false,
            problem: 'crashed',
            message: `the process checking it stopped unexpectedly (${signal ?? `exit code ${code ?? 'unknown'}`})`,
          };
      // A task sent early, waiting in the child behind the one that stopped it, ends with it.
      for (const pending of sentTo()) pending.finish(outcome);
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
