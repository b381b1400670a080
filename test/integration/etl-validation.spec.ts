import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { discoverInbox, validateSubmission } from '@oscp/etl';
import { sqlString, withWarehouse } from '@oscp/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const okInbox = resolve(__dirname, '..', 'fixtures', 'ok');

let workDir = '';
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'oscp-etl-validation-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('the ok fixture inbox', () => {
  it('holds a well-named file of every dataset, one of them XLSX', async () => {
    const { files, problems } = await discoverInbox(okInbox);
    expect(problems).toEqual([]);
    expect(new Set(files.map((file) => file.dataset)).size).toBe(12);
    expect(files.filter((file) => file.format === 'xlsx').map((file) => file.fileName)).toEqual([
      'contacts_20250402.xlsx',
    ]);
  });

  it('validates without a single finding and loads every row to Parquet', async () => {
    const { files } = await discoverInbox(okInbox);
    for (const file of files) {
      const outputPath = join(workDir, `${file.fileName}.parquet`);
      const result = await validateSubmission({ ...file, outputPath, rejectThresholdPct: 10 });
      expect(result.findings, file.fileName).toEqual([]);
      expect(result).toMatchObject({ status: 'accepted', rowsQuarantined: 0, outputPath });
      const loaded = await withWarehouse({ path: ':memory:' }, (warehouse) =>
        warehouse.one<{ n: number }>(
          `select count(*)::integer as n from read_parquet(${sqlString(outputPath)})`,
        ),
      );
      expect(loaded?.n, file.fileName).toBe(result.rowsRead);
      expect(result.rowsRead).toBeGreaterThan(0);
    }
  });

  it('reads XLSX date cells as the wall-clock times they show', async () => {
    const outputPath = join(workDir, 'xlsx-contacts.parquet');
    await validateSubmission({
      path: join(okInbox, 'contacts', 'contacts_20250402.xlsx'),
      fileName: 'contacts_20250402.xlsx',
      dataset: 'contacts',
      extractDate: '2025-04-02',
      format: 'xlsx',
      outputPath,
      rejectThresholdPct: 10,
    });
    const rows = await withWarehouse({ path: ':memory:' }, (warehouse) =>
      warehouse.all(
        `select contact_id, contact_datetime, source, outcome from read_parquet(${sqlString(outputPath)}) order by _line`,
      ),
    );
    expect(rows).toEqual([
      { contact_id: 'CT0021', contact_datetime: '2024-10-27 01:30:00', source: '6', outcome: 'REFERRAL' },
      { contact_id: 'CT0022', contact_datetime: '2024-12-31 23:59:00', source: '3A', outcome: 'NFA' },
      { contact_id: 'CT0023', contact_datetime: '2025-01-06 08:00:00', source: '2A', outcome: 'ADVICE' },
      { contact_id: 'CT0024', contact_datetime: '2025-03-30 00:30:00', source: '10', outcome: null },
      { contact_id: 'CT0025', contact_datetime: '2025-02-14 16:45:00', source: '5D', outcome: 'EARLY_HELP' },
    ]);
  });
});
