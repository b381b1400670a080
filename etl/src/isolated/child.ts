/**
 * The child process of `IsolatedWorker`: runs the tasks it receives one at a time, sends each
 * task's findings in batches and then its result. Its memory and time are bounded by the parent,
 * which kills it when a task takes too long and when it has been idle for a while.
 */
import { stat } from 'node:fs/promises';
import { closeIdleScratchWarehouse } from '@oscp/warehouse';
import { sha256File } from '../inbox';
import { loadDfeComparators, loadDfePopulation } from '../reference/dfe';
import { buildSnapshot } from '../snapshot';
import type { Finding, ValidateSubmissionInput } from '../types';
import { validateSubmission } from '../validation';
import {
  FINDINGS_PER_MESSAGE,
  type ChildMessage,
  type IsolatedTask,
  type PrecheckResult,
  type PrepareInput,
  type PrepareResult,
  type TaskMessage,
} from './task';

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) return reject(new Error('The ETL child process has no channel to its parent.'));
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

/**
 * Parses the shipped DfE files for the LA once, so the build finds them cached (both loaders
 * keep their result). A failure is left for the build to report in its own words.
 */
function prepare(input: PrepareInput): PrepareResult {
  try {
    loadDfePopulation(input.laCode);
    loadDfeComparators(input.laCode);
  } catch {
    // The build loads them again and names the problem.
  }
  return { findings: [] };
}

/**
 * Validates a file and hashes it, so a run can tell the check is of the bytes it takes in. A file
 * whose size, modification time or inode changed meanwhile gives no hash (the check is not used).
 */
async function precheck(input: ValidateSubmissionInput): Promise<PrecheckResult> {
  const before = await stat(input.path);
  const sha256 = await sha256File(input.path);
  const result = await validateSubmission(input);
  const after = await stat(input.path).catch(() => null);
  const unchanged =
    after !== null &&
    after.size === before.size &&
    after.mtimeMs === before.mtimeMs &&
    after.ino === before.ino;
  return { ...result, sha256: unchanged ? sha256 : null };
}

function perform(task: IsolatedTask): Promise<{ findings: Finding[] }> {
  if (task.kind === 'validate') return validateSubmission(task.input);
  if (task.kind === 'precheck') return precheck(task.input);
  if (task.kind === 'build') {
    // The checks' kept DuckDB instance gives its memory back before the build, which needs most.
    closeIdleScratchWarehouse();
    return buildSnapshot(task.input);
  }
  return Promise.resolve(prepare(task.input));
}

async function run({ id, task }: TaskMessage): Promise<void> {
  try {
    const result = await perform(task);
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
