import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { machineMemoryLimit, type WarehouseOptions } from '@oscp/warehouse';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { validateSubmission } from '../validation';

// The census's own DuckDB instance, observed: the real one runs, its options are recorded, and a
// spill folder is made where DuckDB would make one past its memory limit.
const opened = vi.hoisted(() => [] as WarehouseOptions[]);
vi.mock('@oscp/warehouse', async (importOriginal) => {
  const original = await importOriginal<typeof import('@oscp/warehouse')>();
  return {
    ...original,
    withWarehouse: (options: WarehouseOptions, work: Parameters<typeof original.withWarehouse>[1]) => {
      opened.push(options);
      if (options.tempDirectory) mkdirSync(options.tempDirectory, { recursive: true });
      return original.withWarehouse(options, work);
    },
  };
});

const SAMPLE = resolve(__dirname, '../../../test/fixtures/cin-census/cin_census_20220523.xml');

let workDir = '';
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'oscp-census-memory-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe("a census's DuckDB instance", () => {
  it("has a tenth of the machine's memory and spills beside its output, a folder removed afterwards", async () => {
    const outputPath = join(workDir, 'census.parquet');
    const result = await validateSubmission({
      path: SAMPLE,
      fileName: 'cin_census_20220523.xml',
      dataset: 'cin_census',
      extractDate: '2022-05-23',
      format: 'xml',
      outputPath,
      rejectThresholdPct: 10,
      childIdKey: '0f'.repeat(32),
    });
    expect(result.status).toBe('accepted');
    expect(opened).toEqual([
      { path: ':memory:', memoryLimit: machineMemoryLimit(0.1), tempDirectory: `${outputPath}.tmp` },
    ]);
    expect(existsSync(`${outputPath}.tmp`)).toBe(false);
    expect(existsSync(outputPath)).toBe(true);
  });
});
