import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withAppContext } from './cli-command';

const database = vi.hoisted(() => ({ close: vi.fn(() => Promise.resolve()) }));

vi.mock('../database/database-runtime.js', () => ({
  DatabaseRuntime: { open: vi.fn(() => Promise.resolve(database)) },
}));

vi.mock('@oscp/etl/isolated', () => ({
  IsolatedWorker: class {
    constructor() {
      throw new Error('The ETL child could not be started.');
    }
  },
  SpeculativeChecks: { none: vi.fn(), start: vi.fn() },
  checkAheadFolder: vi.fn(),
}));

let dataDir = '';

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'oscp-cli-command-'));
  database.close.mockClear();
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('withAppContext', () => {
  it('closes the database it opened when the ETL child cannot start, so the command exits', async () => {
    const work = vi.fn();
    const neverLoaded = vi.fn(() => Promise.reject(new Error('the modules are not loaded')));

    await expect(withAppContext({ dataDir }, neverLoaded, work, { prestartEtl: true })).rejects.toThrow(
      'The ETL child could not be started.',
    );

    expect(database.close).toHaveBeenCalledTimes(1);
    expect(neverLoaded).not.toHaveBeenCalled();
    expect(work).not.toHaveBeenCalled();
  });
});
