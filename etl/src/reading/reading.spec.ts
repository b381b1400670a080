import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileReadError } from './errors';
import { readRecords } from './index';
import type { SourceRecord } from './record';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oscp-reading-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(path: string, format: 'csv' | 'xlsx'): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for await (const batch of readRecords(path, format)) {
    expect(batch.length).toBeGreaterThan(0);
    records.push(...batch);
  }
  return records;
}

async function csvFile(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('CSV reading', () => {
  it('reads RFC 4180 quoting: commas, doubled quotes and line breaks inside quotes', async () => {
    const path = await csvFile('quoted.csv', 'a,b\r\n"Team A, North","say ""hi""\r\nthere"\r\nx,y\r\n');
    expect(await collect(path, 'csv')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['Team A, North', 'say "hi"\r\nthere'] },
      { line: 3, cells: ['x', 'y'] },
    ]);
  });

  it('drops a UTF-8 byte order mark and keeps other characters', async () => {
    const path = await csvFile(
      'bom.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('strategy_id,note\nSD1,Café\n')]),
    );
    expect(await collect(path, 'csv')).toEqual([
      { line: 1, cells: ['strategy_id', 'note'] },
      { line: 2, cells: ['SD1', 'Café'] },
    ]);
  });

  it('keeps blank lines as empty records so line numbers stay true', async () => {
    const path = await csvFile('blank.csv', 'a\n1\n\n2\n');
    expect((await collect(path, 'csv')).map((r) => [r.line, r.cells])).toEqual([
      [1, ['a']],
      [2, ['1']],
      [3, ['']],
      [4, ['2']],
    ]);
  });

  it('refuses bytes that are not UTF-8, even split across chunks', async () => {
    const bytes = Buffer.concat([
      Buffer.from('a,b\n'),
      Buffer.alloc(70_000, 0x41),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('\n'),
    ]);
    const path = await csvFile('latin.csv', bytes);
    await expect(collect(path, 'csv')).rejects.toMatchObject({ problem: 'not_utf8' });
    const truncated = await csvFile('truncated.csv', Buffer.from([0x61, 0x0a, 0xe2, 0x82]));
    await expect(collect(truncated, 'csv')).rejects.toBeInstanceOf(FileReadError);
  });

  it('names the line a broken quote is in, also within the first chunk read', async () => {
    const path = await csvFile('broken-quote.csv', 'a,b\n1,2\n3,4\n5,"6"x\n7,8\n');
    await expect(collect(path, 'csv')).rejects.toMatchObject({
      problem: 'unreadable',
      message: 'is not a readable CSV file (invalid closing quote in line 4)',
    });
    const opening = await csvFile('opening-quote.csv', 'a,b\n1,x"y\n');
    await expect(collect(opening, 'csv')).rejects.toMatchObject({
      message: 'is not a readable CSV file (invalid opening quote in line 2)',
    });
    const unclosed = await csvFile('unclosed-line.csv', 'a,b\n1,"2\n2"\n"x,y\n');
    await expect(collect(unclosed, 'csv')).rejects.toMatchObject({
      message: 'is not a readable CSV file (quote not closed in line 3)',
    });
  });

  it('refuses an unclosed quote as unreadable', async () => {
    const path = await csvFile('unclosed.csv', 'a,b\n"x,y\n');
    await expect(collect(path, 'csv')).rejects.toMatchObject({ problem: 'unreadable' });
  });

  it('refuses a record longer than 1 MB (an unclosed quote in a large file)', async () => {
    const path = await csvFile('runaway.csv', `a,b\n"x,${'y'.repeat(1_100_000)}\n`);
    await expect(collect(path, 'csv')).rejects.toMatchObject({ problem: 'unreadable' });
  });

  it('reads the header alone, leaving a broken quote further on for the whole read to find', async () => {
    const path = await csvFile('header-only.csv', 'a,"b c"\r\n1,2\n3,"4"x\n');
    const batches: SourceRecord[][] = [];
    for await (const batch of readRecords(path, 'csv', { firstRecordOnly: true })) batches.push(batch);
    expect(batches).toEqual([[{ line: 1, cells: ['a', 'b c'] }]]);
    await expect(collect(path, 'csv')).rejects.toMatchObject({ problem: 'unreadable' });
  });

  it('parses no record after the header when asked for the header alone', async () => {
    // Every line after the header is broken: parsing any of them would fail the read.
    const path = await csvFile('header-then-broken.csv', `a,b\n${'"x"y,1\n'.repeat(5_000)}`);
    const records = readRecords(path, 'csv', { firstRecordOnly: true });
    const first = await records.next();
    expect(first.value).toEqual([{ line: 1, cells: ['a', 'b'] }]);
    expect((await records.next()).done).toBe(true);
  });

  it('still refuses a header read whose first chunk is not UTF-8', async () => {
    const path = await csvFile(
      'header-latin.csv',
      Buffer.concat([Buffer.from('a,b\nx,'), Buffer.from([0xe9]), Buffer.from('\n')]),
    );
    const records = readRecords(path, 'csv', { firstRecordOnly: true });
    await expect(records.next()).rejects.toMatchObject({ problem: 'not_utf8' });
  });

  it('streams a large file without holding it', async () => {
    const rows = 200_000;
    const path = await csvFile('large.csv', `a,b\n${'x,1\n'.repeat(rows)}`);
    const before = process.memoryUsage().heapUsed;
    let count = 0;
    let peak = 0;
    for await (const batch of readRecords(path, 'csv')) {
      count += batch.length;
      peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
    expect(count).toBe(rows + 1);
    expect(peak).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('XLSX reading', () => {
  it('reads the first sheet, header in row 1, with date cells as their wall-clock UTC fields', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Data');
    sheet.addRow(['Contact ID', 'Contact Datetime', 'Source', 'Note']);
    const row = sheet.addRow([
      'CT1',
      new Date(Date.UTC(2024, 9, 27, 1, 30)),
      6,
      { richText: [{ text: 'rich ' }, { text: 'text' }] },
    ]);
    row.getCell(2).numFmt = 'dd/mm/yyyy hh:mm';
    sheet.addRow([]);
    const late = sheet.addRow([
      'CT2',
      new Date(Date.UTC(2024, 11, 31, 23, 59, 59, 700)),
      '3A',
      { formula: 'A1', result: 'cached' },
    ]);
    late.getCell(2).numFmt = 'dd/mm/yyyy hh:mm:ss';
    workbook.addWorksheet('Ignored').addRow(['not read']);
    const path = join(dir, 'book.xlsx');
    await workbook.xlsx.writeFile(path);
    const records = await collect(path, 'xlsx');
    expect(records).toEqual([
      { line: 1, cells: ['Contact ID', 'Contact Datetime', 'Source', 'Note'] },
      { line: 2, cells: ['CT1', '2024-10-27 01:30:00', '6', 'rich text'], dateCells: [1] },
      { line: 4, cells: ['CT2', '2025-01-01 00:00:00', '3A', 'cached'], dateCells: [1] },
    ]);
  });

  it('refuses a file that is not a workbook', async () => {
    const path = await csvFile('fake.xlsx', 'not,a,zip\n');
    await expect(collect(path, 'xlsx')).rejects.toMatchObject({ problem: 'unreadable' });
  });
});
