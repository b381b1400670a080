import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withAppContext } from './cli-command';

const database = vi.hoisted(() => ({ close: vi.fn(() => Promise.resolve()) }));
const etl = vi.hoisted(() => ({ failToStart: true, close: vi.fn(), start: vi.fn(), prepare: vi.fn() }));

vi.mock('../database/database-runtime.js', () => ({
  DatabaseRuntime: { open: vi.fn(() => Promise.resolve(database)) },
}));

vi.mock('@oscp/etl/isolated', () => ({
  IsolatedWorker: class {
    constructor() {
      if (etl.failToStart) throw new Error('The ETL child could not be started.');
    }
    start = etl.start;
    close = etl.close;
    prepare = etl.prepare;
  },
  SpeculativeChecks: {
    none: vi.fn(),
    start: vi.fn(() => Promise.reject(new Error('The inbox could not be read.'))),
  },
  checkAheadFolder: vi.fn(),
}));

let dataDir = '';

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'oscp-cli-command-'));
  database.close.mockClear();
  etl.close.mockClear();
  etl.failToStart = true;
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('withAppContext', () => {
  it('opens no database when the ETL child cannot start, so the command exits', async () => {
    const work = vi.fn();
    const neverLoaded = vi.fn(() => Promise.reject(new Error('the modules are not loaded')));
    const { DatabaseRuntime } = await import('../database/database-runtime.js');
    vi.mocked(DatabaseRuntime.open).mockClear();

    await expect(withAppContext({ dataDir }, neverLoaded, work, { prestartEtl: true })).rejects.toThrow(
      'The ETL child could not be started.',
    );

    expect(DatabaseRuntime.open).not.toHaveBeenCalled();
    expect(neverLoaded).not.toHaveBeenCalled();
    expect(work).not.toHaveBeenCalled();
  });

  it('sends no checks ahead, and stops the ETL child, when another process holds the data folder', async () => {
    etl.failToStart = false;
    const { DatabaseRuntime } = await import('../database/database-runtime.js');
    const { SpeculativeChecks } = await import('@oscp/etl/isolated');
    vi.mocked(SpeculativeChecks.start).mockClear();
    vi.mocked(DatabaseRuntime.open).mockImplementationOnce(() => {
      throw new Error('The data folder is in use by another process.');
    });

    await expect(
      withAppContext({ dataDir }, vi.fn(), vi.fn(), { prestartEtl: true, checkAhead: {} }),
    ).rejects.toThrow('The data folder is in use by another process.');

    expect(SpeculativeChecks.start).not.toHaveBeenCalled();
    expect(etl.close).toHaveBeenCalled();
  });

  it('closes the database it opened and the ETL child when the checks cannot be sent ahead', async () => {
    etl.failToStart = false;
    const work = vi.fn();
    const neverLoaded = vi.fn(() => Promise.reject(new Error('the modules are not loaded')));

    await expect(
      withAppContext({ dataDir }, neverLoaded, work, { prestartEtl: true, checkAhead: {} }),
    ).rejects.toThrow('The inbox could not be read.');

    expect(etl.start).toHaveBeenCalled();
    expect(etl.close).toHaveBeenCalled();
    expect(database.close).toHaveBeenCalledTimes(1);
    expect(neverLoaded).not.toHaveBeenCalled();
    expect(work).not.toHaveBeenCalled();
  });
});
