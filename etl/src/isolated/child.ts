/**
 * The child process of `IsolatedWorker`: runs the tasks it receives one at a time, sends each
 * task's findings in batches and then its result. Its memory and time are bounded by the parent,
 * which kills it when a task takes too long and when it has been idle for a while.
 */
import { buildSnapshot } from '../snapshot';
import type { Finding } from '../types';
import { validateSubmission } from '../validation';
import { FINDINGS_PER_MESSAGE, type ChildMessage, type TaskMessage } from './task';

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) return reject(new Error('The ETL child process has no channel to its parent.'));
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

async function run({ id, task }: TaskMessage): Promise<void> {
  try {
    const result =
      task.kind === 'validate' ? await validateSubmission(task.input) : await buildSnapshot(task.input);
    const { findings, ...rest } = result;
    for (let start = 0; start < findings.length; start += FINDINGS_PER_MESSAGE) {
      const batch: Finding[] = findings.slice(start, start + FINDINGS_PER_MESSAGE);
      await send({ id, type: 'findings', findings: batch });
    }
    await send({ id, type: 'done', result: rest });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await send({ id, type: 'failed', message: (message.split('\n')[0] ?? message).trim() });
  }
}

// Parquet and snapshot files written here are the service user's alone (0600).
process.umask(0o077);

let queue: Promise<void> = Promise.resolve();
process.on('message', (message: TaskMessage) => {
  queue = queue.then(() => run(message)).catch(() => process.exit(1));
});
// The parent gone, nothing is left to do.
process.on('disconnect', () => process.exit(0));
