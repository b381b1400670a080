import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStats } from './file-stats';

describe('FileStats', () => {
  let folder: string;
  let file: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'file-stats-'));
    file = join(folder, 'snapshot.duckdb');
    writeFileSync(file, 'abc');
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('gives the size of the file, and undefined for a missing file', async () => {
    const stats = new FileStats();
    expect((await stats.stat(file))?.size).toBe(3);
    expect(await stats.stat(join(folder, 'missing.duckdb'))).toBeUndefined();
  });

  it('answers calls made while a stat runs with one later stat, shared', async () => {
    const stats = new FileStats();
    const first = stats.stat(file);
    const second = stats.stat(file);
    const third = stats.stat(file);
    expect(second).toBe(third);
    expect(second).not.toBe(first);
    expect((await first)?.size).toBe(3);
    expect((await second)?.size).toBe(3);
  });

  it('sees a change made while an earlier stat was running, in a call made after the change', async () => {
    const stats = new FileStats();
    const before = stats.stat(file);
    writeFileSync(file, 'abcdef');
    const after = stats.stat(file);
    expect((await after)?.size).toBe(6);
    await before;
  });

  it('sees a file removed while an earlier stat was running, in a call made after the removal', async () => {
    const stats = new FileStats();
    const before = stats.stat(file);
    unlinkSync(file);
    const after = stats.stat(file);
    expect(await after).toBeUndefined();
    await before;
  });

  it('sees a change made between two calls that follow one another', async () => {
    const stats = new FileStats();
    expect((await stats.stat(file))?.size).toBe(3);
    writeFileSync(file, 'abcd');
    expect((await stats.stat(file))?.size).toBe(4);
    unlinkSync(file);
    expect(await stats.stat(file)).toBeUndefined();
  });

  it('starts afresh once every stat has ended', async () => {
    const stats = new FileStats();
    await Promise.all([stats.stat(file), stats.stat(file)]);
    const next = stats.stat(file);
    const joined = stats.stat(file);
    expect(joined).not.toBe(next);
    await Promise.all([next, joined]);
  });
});
