import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Another live OSCP process holds the data folder. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`The data folder ${dataDir} is in use by another OSCP process (pid ${pid}).`);
    this.name = 'DataDirInUseError';
  }
}

export const LOCK_FILE_NAME = 'oscp.lock';

const heldHere = new Set<string>();

/**
 * An exclusive lock on the data folder: a lock file holding the owner's PID. The embedded
 * database does nothing to stop two processes opening one folder, so this does. A lock left by a
 * process that no longer exists is taken over.
 */
export class DataDirLock {
  private released = false;
  private readonly onExit = (): void => this.releaseSync();

  private constructor(
    readonly dataDir: string,
    private readonly lockPath: string,
  ) {
    process.once('exit', this.onExit);
  }

  static acquire(dataDir: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const lockPath = join(dataDir, LOCK_FILE_NAME);
    if (heldHere.has(lockPath)) throw new DataDirInUseError(dataDir, process.pid);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        const fd = openSync(lockPath, 'wx');
        writeSync(fd, `${process.pid}\n`);
        closeSync(fd);
        heldHere.add(lockPath);
        return new DataDirLock(dataDir, lockPath);
      } catch (error) {
        if (!isErrnoException(error) || error.code !== 'EEXIST') throw error;
      }
      const owner = readOwner(lockPath);
      if (owner !== null && owner !== process.pid && isAlive(owner))
        throw new DataDirInUseError(dataDir, owner);
      // A stale lock (its process died) or an unreadable one: remove it and try again.
      try {
        unlinkSync(lockPath);
      } catch (error) {
        if (!isErrnoException(error) || error.code !== 'ENOENT') throw error;
      }
    }
    const owner = readOwner(lockPath);
    throw new DataDirInUseError(dataDir, owner ?? 0);
  }

  releaseSync(): void {
    if (this.released) return;
    this.released = true;
    process.removeListener('exit', this.onExit);
    heldHere.delete(this.lockPath);
    try {
      if (readOwner(this.lockPath) === process.pid) unlinkSync(this.lockPath);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

function readOwner(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return isErrnoException(error) && error.code === 'EPERM';
  }
}

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}
