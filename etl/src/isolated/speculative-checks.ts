import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { discoverInbox } from '../inbox';
import type { ValidateSubmissionInput, ValidationResult } from '../types';
import type { IsolatedOutcome, IsolatedWorker } from './run-isolated';

/**
 * Inboxes larger than this are not checked ahead. Checking ahead only pays while the run's own
 * start-up leaves the child idle (about a second), and a check the run turns out not to need (a
 * file loaded before) still holds the child until it ends: bounded by one small file, not a region's.
 */
export const CHECK_AHEAD_MAX_BYTES = 64 * 2 ** 20;

const CHECK_AHEAD_FOLDER = /^ahead-(\d+)$/;

/** The folder of a process's checks sent ahead, inside the data folder's submissions folder. */
export function checkAheadFolder(submissionsDir: string, pid: number = process.pid): string {
  return join(submissionsDir, `ahead-${pid}`);
}

/**
 * Removes the folders of checks sent ahead by processes no longer running (an `etl run` killed
 * before it could remove its own). Another running process's folder is left alone.
 */
export async function removeLeftoverCheckAheadFolders(submissionsDir: string): Promise<void> {
  const names = await readdir(submissionsDir).catch((): string[] => []);
  for (const name of names) {
    const pid = Number(CHECK_AHEAD_FOLDER.exec(name)?.[1] ?? Number.NaN);
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    await rm(join(submissionsDir, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type CheckAheadTask = { kind: 'precheck'; input: ValidateSubmissionInput };

interface CheckAhead {
  /** `path` is the file in the inbox; `outputPath` is the check's own Parquet. */
  input: ValidateSubmissionInput;
  /** Still worth running: cleared for files the run does not take in, and when it closes. */
  wanted: boolean;
  claimed: boolean;
  outcome: Promise<IsolatedOutcome<CheckAheadTask> | null>;
}

export interface CheckAheadOptions {
  inboxDir: string;
  /**
   * A folder of this process's own for the checks' Parquet (created; removed by `discard`), in the
   * data folder, so that a claimed file's Parquet is moved, not copied, into place.
   */
  outputDir: string;
  rejectThresholdPct: number;
  maxBytes?: number;
}

/**
 * Checks of an inbox's files started before the run that takes them in is ready: `oscp etl run`
 * starts them while it loads the application and opens the database, so the ETL child validates
 * (and hashes) the files in time it would otherwise spend waiting. The run claims a file's check
 * only if it read the same bytes (SHA-256) with the same settings; any other file is validated as
 * before, so the findings and Parquet are the run's own either way. Checks of files the run does
 * not take in are dropped before their turn (`keepOnly`), and what unclaimed checks wrote is removed
 * when the run closes (`discard`). A census file (pseudonymised with the data folder's key) and an
 * inbox over `maxBytes` are not checked ahead.
 */
export class SpeculativeChecks {
  private constructor(
    private readonly checks: CheckAhead[],
    private readonly outputDir: string | null,
  ) {}

  static none(): SpeculativeChecks {
    return new SpeculativeChecks([], null);
  }

  static async start(worker: IsolatedWorker, options: CheckAheadOptions): Promise<SpeculativeChecks> {
    const listing = await discoverInbox(options.inboxDir).catch(() => null);
    const files = (listing?.files ?? []).filter((file) => file.dataset !== 'cin_census');
    let bytes = 0;
    for (const file of files) bytes += (await stat(file.path)).size;
    if (files.length === 0 || bytes > (options.maxBytes ?? CHECK_AHEAD_MAX_BYTES))
      return SpeculativeChecks.none();
    await mkdir(options.outputDir, { recursive: true, mode: 0o700 });
    const checks = files.map((file): CheckAhead => {
      const input: ValidateSubmissionInput = {
        path: file.path,
        fileName: file.fileName,
        dataset: file.dataset,
        extractDate: file.extractDate,
        format: file.format,
        outputPath: join(options.outputDir, `${randomUUID()}.parquet`),
        rejectThresholdPct: options.rejectThresholdPct,
      };
      const check: CheckAhead = { input, wanted: true, claimed: false, outcome: Promise.resolve(null) };
      check.outcome = worker.runIfWanted({ kind: 'precheck', input }, () => check.wanted);
      return check;
    });
    return new SpeculativeChecks(checks, options.outputDir);
  }

  /** Drops the checks not yet run of files other than these (absolute paths in the inbox). */
  keepOnly(inboxPaths: ReadonlySet<string>): void {
    for (const check of this.checks) if (!inboxPaths.has(check.input.path)) check.wanted = false;
  }

  /**
   * The result of the check made ahead of the inbox file at `inboxPath`, if it read these bytes
   * (`sha256`) with the settings of `input` (the run's own validation input); an accepted file's
   * Parquet is moved to `input.outputPath`. Null when there is no such check to use.
   */
  async claim(
    inboxPath: string,
    sha256: string,
    input: ValidateSubmissionInput,
  ): Promise<ValidationResult | null> {
    const check = this.checks.find((each) => each.wanted && !each.claimed && each.input.path === inboxPath);
    if (!check || !sameSettings(check.input, input)) return null;
    check.claimed = true;
    const outcome = await check.outcome;
    // An unusable check's files stay in the check folder until `discard` removes it whole.
    if (outcome === null || !outcome.ok) return null;
    const { sha256: checkedSha256, ...result } = outcome.result;
    // Moved while the run is the only one holding the data folder's lock: nothing else renames it.
    const usable =
      checkedSha256 === sha256 && (result.status !== 'accepted' || existsSync(check.input.outputPath));
    if (!usable) return null;
    if (result.status !== 'accepted') return { ...result, outputPath: null };
    await rename(check.input.outputPath, input.outputPath);
    return { ...result, outputPath: input.outputPath };
  }

  /**
   * Drops the checks not yet run and removes what unclaimed ones wrote (the whole output folder).
   * Call it after the worker is closed (a check running then ends at once) or when none is running.
   */
  async discard(): Promise<void> {
    for (const check of this.checks) check.wanted = false;
    for (const check of this.checks) if (!check.claimed) await check.outcome;
    if (this.outputDir !== null) await rm(this.outputDir, { recursive: true, force: true });
  }
}

function sameSettings(ahead: ValidateSubmissionInput, run: ValidateSubmissionInput): boolean {
  return (
    run.childIdKey === undefined &&
    ahead.fileName === run.fileName &&
    ahead.dataset === run.dataset &&
    ahead.extractDate === run.extractDate &&
    ahead.format === run.format &&
    ahead.rejectThresholdPct === run.rejectThresholdPct
  );
}
