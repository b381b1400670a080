import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dfeReferenceDir, prepareDfeReference } from './dfe';
import { parseDfeCsv, readDfeRecords, writePreparedDfeFiles } from './dfe-prepared';

describe('prepared copies of the DfE files', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'oscp-dfe-prepared-'));
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('gives the same header and records as parsing each shipped file', () => {
    prepareDfeReference(join(folder, 'prepared'));
    const referrals = join(
      dfeReferenceDir(),
      'c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv',
    );
    const neighbours = join(dfeReferenceDir(), 'sn_model_2025_wide.csv');
    for (const csvPath of [referrals, neighbours]) {
      const parsed = parseDfeCsv(readFileSync(csvPath));
      expect(parsed.records.length).toBeGreaterThan(100);
      expect(readDfeRecords(csvPath, join(folder, 'prepared'))).toEqual(parsed);
    }
  });

  it('reads the prepared copy of a file it was made from', () => {
    const csvPath = join(folder, 'figures.csv');
    writeFileSync(csvPath, 'time_period, value\n2024,1\n');
    writePreparedDfeFiles([csvPath], folder);
    // Edited by hand (the hash still matches the file): what is read shows which copy was used.
    const preparedPath = join(folder, 'figures.csv.json');
    const prepared = JSON.parse(readFileSync(preparedPath, 'utf8')) as { records: string[][] };
    prepared.records = [['2024', 'from the prepared copy']];
    writeFileSync(preparedPath, JSON.stringify(prepared));
    expect(readDfeRecords(csvPath, folder)).toEqual({
      header: ['time_period', 'value'],
      records: [['2024', 'from the prepared copy']],
    });
  });

  it('parses a file afresh when it changed after its copy was prepared', () => {
    const csvPath = join(folder, 'figures.csv');
    writeFileSync(csvPath, 'time_period,value\n2024,1\n');
    writePreparedDfeFiles([csvPath], folder);
    writeFileSync(csvPath, 'time_period,value\n2024,2\n\n2025,"3"\n');
    expect(readDfeRecords(csvPath, folder)).toEqual({
      header: ['time_period', 'value'],
      records: [
        ['2024', '2'],
        ['2025', '3'],
      ],
    });
  });

  it('parses the file when its prepared copy is damaged or missing', () => {
    const csvPath = join(folder, 'figures.csv');
    writeFileSync(csvPath, 'time_period,value\n2024,1\n');
    writePreparedDfeFiles([csvPath], folder);
    writeFileSync(join(folder, 'figures.csv.json'), '{"sha256":');
    expect(readDfeRecords(csvPath, folder).records).toEqual([['2024', '1']]);
    expect(readDfeRecords(csvPath, join(folder, 'missing')).records).toEqual([['2024', '1']]);
  });

  it('refuses a record whose length differs from the header, as before', () => {
    expect(() => parseDfeCsv(Buffer.from('a,b\n1,2,3\n'))).toThrow();
  });
});
