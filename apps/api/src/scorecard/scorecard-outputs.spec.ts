import type { Scorecard, ScorecardIndicator } from '@oscp/contracts';
import { tableFromIPC } from 'apache-arrow';
import { Workbook } from 'exceljs';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { scorecardArrowIpc } from './scorecard-arrow';
import { SCORECARD_COLUMNS } from './scorecard-columns';
import { describeDirection, formatDisplay, formatTarget } from '@oscp/contracts';
import { scorecardCsv } from './scorecard-csv';
import { scorecardXlsx } from './scorecard-xlsx';

function indicator(partial: Partial<ScorecardIndicator>): ScorecardIndicator {
  return {
    code: 'FD02',
    title: 'Contacts with a MASH decision within 1 working day',
    theme: 'front_door',
    unit: 'percent',
    polarity: 'higher',
    owner: 'CSC',
    subgroups: ['Performance Co-ordination'],
    numerator: 409,
    denominator: 2000,
    value: 20.45,
    display: '20.5',
    status: 'ok',
    target: 95,
    tolerance: 5,
    targetSource: 'catalogue',
    rag: 'red',
    direction: 'declining',
    previousValue: 22.1,
    exception: true,
    exceptionReasons: ['red'],
    comparators: { year: '2023-24', england: 80.1, region: 79.5, statNeighbours: null, note: null },
    breakdown: [],
    ...partial,
  };
}

const scorecard: Scorecard = {
  period: '2024-25 Q3',
  snapshotId: '0b0e7c8e-3a52-4c7e-9a51-3f1f1f7f0001',
  generatedAt: '2025-06-30T01:02:03.000Z',
  runDate: '2025-06-30',
  regionName: 'North West',
  publishedView: false,
  indicators: [
    indicator({}),
    indicator({
      code: 'CP05',
      title: '=HYPERLINK("http://example.invalid")',
      polarity: 'range',
      target: { low: 15, high: 23 },
      tolerance: 3,
      rag: 'green',
      exception: false,
      exceptionReasons: [],
      comparators: null,
    }),
    indicator({
      code: 'FD01',
      unit: 'count',
      polarity: 'context',
      numerator: null,
      denominator: null,
      value: null,
      display: '[x]',
      status: 'no_data',
      target: null,
      tolerance: null,
      rag: null,
      direction: null,
      previousValue: null,
      exception: false,
      exceptionReasons: [],
    }),
  ],
};

describe('scorecard Arrow', () => {
  it('carries the same figures as the JSON, one row per indicator', () => {
    const table = tableFromIPC(scorecardArrowIpc(scorecard));
    expect(table.numRows).toBe(3);
    expect(table.schema.fields.map((f) => f.name)).toEqual(SCORECARD_COLUMNS.map((c) => c.name));
    const rows = table.toArray().map((row) => row.toJSON());
    expect(rows[0]).toMatchObject({
      code: 'FD02',
      numerator: 409,
      denominator: 2000,
      value: 20.45,
      display: '20.5',
      rag: 'red',
    });
    expect(rows[0]).toMatchObject({
      target: 95,
      target_low: null,
      exception: true,
      comparator_england: 80.1,
    });
    expect(rows[1]).toMatchObject({ code: 'CP05', target: null, target_low: 15, target_high: 23 });
    expect(rows[2]).toMatchObject({ code: 'FD01', value: null, display: '[x]', rag: null, exception: false });
    expect(table.schema.metadata.get('snapshot_id')).toBe(scorecard.snapshotId);
  });
});

const commentary = new Map([
  ['FD02', '=Fewer decisions in a day while two posts were vacant.'],
  ['CP05', 'Within the range.'],
]);

describe('scorecard CSV', () => {
  it('writes plain-English headings and one row per indicator, with formula-like text made inert', () => {
    const records: string[][] = parse(scorecardCsv(scorecard));
    expect(records[0]).toEqual([...SCORECARD_COLUMNS.map((c) => c.header), 'Commentary']);
    expect(records[0]?.slice(0, 6)).toEqual([
      'Quarter',
      'Code',
      'Indicator',
      'Theme',
      'Measured as',
      'Polarity (which way is better)',
    ]);
    expect(records).toHaveLength(4);
    const title = records[0]?.indexOf('Indicator') ?? -1;
    expect(records[2]?.[title]).toBe(`'=HYPERLINK("http://example.invalid")`);
    const value = records[0]?.indexOf('Value') ?? -1;
    expect(records[1]?.[value]).toBe('20.45');
    expect(records[3]?.[value]).toBe('');
    const exception = records[0]?.indexOf('Exception') ?? -1;
    expect(records[1]?.[exception]).toBe('true');
  });

  it('carries the figures as the dashboard shows them, from the same formatter', () => {
    const records: Record<string, string>[] = parse(scorecardCsv(scorecard), { columns: true });
    expect(records[0]).toMatchObject({
      'Value with its unit': '20.5%',
      'Target as shown': 'at least 95.0%',
      'Direction since last quarter': '↓ Worse',
    });
    expect(records[2]).toMatchObject({ 'Value with its unit': '[x]', 'Target as shown': 'No target' });
    for (const record of records) {
      const indicator = scorecard.indicators.find((i) => i.code === record.Code);
      if (!indicator) throw new Error(`no ${record.Code}`);
      expect(record['Value with its unit']).toBe(formatDisplay(indicator.display, indicator.unit));
      expect(record['Target as shown']).toBe(
        formatTarget(indicator.target, indicator.polarity, indicator.unit),
      );
      expect(record['Direction since last quarter']).toBe(
        describeDirection({
          direction: indicator.direction,
          polarity: indicator.polarity,
          value: indicator.value,
          previousValue: indicator.previousValue,
        }).text,
      );
    }
  });

  it("carries each indicator's commentary in the internal version only, formula-safe", () => {
    const internal: Record<string, string>[] = parse(scorecardCsv(scorecard, commentary), { columns: true });
    expect(internal.map((record) => record.Commentary)).toEqual([
      "'=Fewer decisions in a day while two posts were vacant.",
      'Within the range.',
      '',
    ]);
    const published: Record<string, string>[] = parse(
      scorecardCsv({ ...scorecard, publishedView: true }, commentary),
      { columns: true },
    );
    expect(published.map((record) => record.Commentary)).toEqual(['', '', '']);
  });
});

describe('scorecard XLSX', () => {
  it('gives the same bytes for the same scorecard', async () => {
    const first = await scorecardXlsx(scorecard, commentary);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await scorecardXlsx(scorecard, commentary);
    expect(Buffer.compare(first, second)).toBe(0);
    const zip = await JSZip.loadAsync(first);
    const generatedAt = Date.parse(scorecard.generatedAt);
    for (const entry of Object.values(zip.files)) {
      // Zip times have a 2-second resolution.
      expect(Math.abs(entry.date.getTime() - generatedAt)).toBeLessThanOrEqual(2000);
    }
  });

  it('holds a plain-English header row (frozen, filtered) and one row per indicator, dated from the snapshot', async () => {
    const workbook = new Workbook();
    const bytes = await scorecardXlsx(scorecard, commentary);
    // exceljs declares its own Buffer (an ArrayBuffer); hand it a plain copy of the bytes.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.rowCount).toBe(4);
    const headers = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual([...SCORECARD_COLUMNS.map((c) => c.header), 'Commentary']);
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.autoFilter).toBeTruthy();
    const column = (header: string) => headers.indexOf(header) + 1;
    expect(sheet?.getRow(2).getCell(column('Code')).value).toBe('FD02');
    expect(sheet?.getRow(3).getCell(column('Indicator')).value).toBe(`'=HYPERLINK("http://example.invalid")`);
    expect(sheet?.getRow(2).getCell(column('Commentary')).value).toBe(
      "'=Fewer decisions in a day while two posts were vacant.",
    );
    expect(workbook.created.toISOString()).toBe('2025-06-30T01:02:03.000Z');
  });

  it('writes figures as real numbers with number formats by unit', async () => {
    const workbook = new Workbook();
    await workbook.xlsx.load(new Uint8Array(await scorecardXlsx(scorecard)).buffer);
    const sheet = workbook.worksheets[0];
    const headers = (sheet?.getRow(1).values as unknown[]).slice(1);
    const cell = (row: number, header: string) => sheet?.getRow(row).getCell(headers.indexOf(header) + 1);
    expect(cell(2, 'Value')?.value).toBe(20.45);
    expect(cell(2, 'Value')?.numFmt).toBe('0.0');
    expect(cell(2, 'Numerator')?.value).toBe(409);
    expect(cell(2, 'Numerator')?.numFmt).toBe('#,##0');
    expect(cell(2, 'England')?.value).toBe(80.1);
    expect(cell(2, 'England')?.numFmt).toBe('0.0');
    expect(cell(3, 'Target range from')?.value).toBe(15);
    // A count indicator: whole numbers with thousands separators.
    expect(cell(4, 'Value')?.numFmt).toBe('#,##0');
    expect(cell(4, 'Value')?.value).toBeNull();
  });
});
