import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkWorkPaths, SpeculativeChecks, type IsolatedWorker } from '@oscp/etl';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../config/app-config';
import { EtlIsolation } from './etl-isolation';

/** A worker whose every task ends as a child stopped for time would: no result. */
const stoppedForTime = {
  run: async () => ({ ok: false, problem: 'time', message: 'it took longer than 1 seconds' }),
  close: () => undefined,
} as unknown as IsolatedWorker;

describe('EtlIsolation', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'etl-isolation-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('removes what a check stopped mid-way left beside its output, and rejects the file', async () => {
    const outputPath = join(folder, 'abc.run-1.pending.parquet');
    const work = checkWorkPaths(outputPath);
    writeFileSync(outputPath, 'half a Parquet file');
    writeFileSync(work.rowsCsv, 'contact_id\n');
    writeFileSync(work.residueCsv, 'contact_id\n');
    mkdirSync(work.spill);
    writeFileSync(join(work.spill, 'duckdb_temp_block'), 'x');
    writeFileSync(join(folder, 'abc.csv'), 'the kept copy');

    const isolation = new EtlIsolation({} as AppConfig, {
      worker: stoppedForTime,
      ahead: SpeculativeChecks.none(),
    });
    const result = await isolation.validate(
      {
        path: join(folder, 'abc.csv'),
        fileName: 'contacts_20250401.csv',
        dataset: 'contacts',
        extractDate: '2025-04-01',
        format: 'csv',
        outputPath,
        rejectThresholdPct: 10,
      },
      'a'.repeat(64),
    );

    expect(result.status).toBe('rejected');
    expect(result.findings[0]?.rule).toBe('time_limit');
    expect(existsSync(outputPath)).toBe(false);
    expect(readdirSync(folder)).toEqual(['abc.csv']);
  });
});
