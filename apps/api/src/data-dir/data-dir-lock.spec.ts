import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseRuntime } from '../database/database-runtime';
import { DataDirInUseError, DataDirLock, LOCK_FILE_NAME } from './data-dir-lock';

const folders: string[] = [];
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oscp-lock-'));
  folders.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the data folder lock', () => {
  it('writes the owner PID and removes the file on release', () => {
    const dir = folder();
    const lock = DataDirLock.acquire(dir);
    expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8').trim()).toBe(String(process.pid));
    lock.releaseSync();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it('makes the embedded database refuse a held folder at once, before it returns, so nothing starts on it', () => {
    const dir = folder();
    const lock = DataDirLock.acquire(dir);
    try {
      expect(() => DatabaseRuntime.openEmbedded(dir)).toThrow(DataDirInUseError);
    } finally {
      lock.releaseSync();
    }
  });

  it('refuses a second holder in the same process', () => {
    const dir = folder();
    const lock = DataDirLock.acquire(dir);
    try {
      expect(() => DataDirLock.acquire(dir)).toThrow(DataDirInUseError);
    } finally {
      lock.releaseSync();
    }
  });

  it('refuses while another live process holds it, naming the folder and the PID', () => {
    const dir = folder();
    // This test runner's parent is alive for the length of the test: use its PID as the holder.
    writeFileSync(join(dir, LOCK_FILE_NAME), `${process.ppid}\n`);
    expect(() => DataDirLock.acquire(dir)).toThrow(
      `The data folder ${dir} is in use by another OSCP process (pid ${process.ppid}).`,
    );
  });

  it('takes over a lock left by a process that has ended', () => {
    const dir = folder();
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(join(dir, LOCK_FILE_NAME), `${ended.stdout.toString()}\n`);
    const lock = DataDirLock.acquire(dir);
    expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8').trim()).toBe(String(process.pid));
    lock.releaseSync();
  });
});
