import type {
  BuildSnapshotInput,
  BuildSnapshotResult,
  Finding,
  ValidateSubmissionInput,
  ValidationResult,
} from '../types';

/**
 * Readies a child before its first real task: its modules loaded and the LA's shipped reference
 * data parsed, while the caller is still starting up.
 */
export interface PrepareInput {
  /** DfE local authority number whose comparators and population the build will read. */
  laCode: number;
}

/** A prepared child has nothing to report. */
export interface PrepareResult {
  findings: Finding[];
}

/**
 * A check made ahead of the run that may want it (`SpeculativeChecks`): the validation, with the
 * SHA-256 of the bytes it read, or null when the file changed while it was being read.
 */
export interface PrecheckResult extends ValidationResult {
  sha256: string | null;
}

/** Work the API hands to a child process, so it never runs on the API's event loop. */
export type IsolatedTask =
  | { kind: 'validate'; input: ValidateSubmissionInput }
  | { kind: 'precheck'; input: ValidateSubmissionInput }
  | { kind: 'build'; input: BuildSnapshotInput }
  | { kind: 'prepare'; input: PrepareInput };

export type IsolatedResult<T extends IsolatedTask> = T extends { kind: 'validate' }
  ? ValidationResult
  : T extends { kind: 'precheck' }
    ? PrecheckResult
    : T extends { kind: 'build' }
      ? BuildSnapshotResult
      : PrepareResult;

/** One task for the child, numbered so its answers can be matched to it. */
export interface TaskMessage {
  id: number;
  task: IsolatedTask;
}

/** What the child sends back: findings in batches (so no one message is huge), then the rest. */
export type ChildMessage =
  | { id: number; type: 'findings'; findings: Finding[] }
  | {
      id: number;
      type: 'done';
      result:
        | Omit<ValidationResult, 'findings'>
        | Omit<PrecheckResult, 'findings'>
        | Omit<BuildSnapshotResult, 'findings'>
        | Omit<PrepareResult, 'findings'>;
    }
  | { id: number; type: 'failed'; message: string };

/** Findings per message from the child. */
export const FINDINGS_PER_MESSAGE = 1_000;
