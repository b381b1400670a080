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

describe('scorecard CSV', () => {
  it('writes a header and one row per indicator, with formula-like text made inert', () => {
    const records: string[][] = parse(scorecardCsv(scorecard));
    expect(records[0]).toEqual(SCORECARD_COLUMNS.map((c) => c.name));
    expect(records).toHaveLength(4);
    const title = records[0]?.indexOf('title') ?? -1;
    expect(records[2]?.[title]).toBe(`'=HYPERLINK("http://example.invalid")`);
    const value = records[0]?.indexOf('value') ?? -1;
    expect(records[1]?.[value]).toBe('20.45');
    expect(records[3]?.[value]).toBe('');
    const exception = records[0]?.indexOf('exception') ?? -1;
    expect(records[1]?.[exception]).toBe('true');
  });

  it('carries the figures as the dashboard shows them, from the same formatter', () => {
    const records: Record<string, string>[] = parse(scorecardCsv(scorecard), { columns: true });
    expect(records[0]).toMatchObject({
      value_shown: '20.5%',
      target_shown: 'at least 95.0%',
      direction_shown: '↓ Worse',
    });
    expect(records[2]).toMatchObject({ value_shown: '[x]', target_shown: 'No target' });
    for (const record of records) {
      const indicator = scorecard.indicators.find((i) => i.code === record.code);
      if (!indicator) throw new Error(`no ${record.code}`);
      expect(record.value_shown).toBe(formatDisplay(indicator.display, indicator.unit));
      expect(record.target_shown).toBe(formatTarget(indicator.target, indicator.polarity, indicator.unit));
      expect(record.direction_shown).toBe(
        describeDirection({
          direction: indicator.direction,
          polarity: indicator.polarity,
          value: indicator.value,
          previousValue: indicator.previousValue,
        }).text,
      );
    }
  });
});

describe('scorecard XLSX', () => {
  it('gives the same bytes for the same scorecard', async () => {
    const first = await scorecardXlsx(scorecard);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await scorecardXlsx(scorecard);
    expect(Buffer.compare(first, second)).toBe(0);
    const zip = await JSZip.loadAsync(first);
    const generatedAt = Date.parse(scorecard.generatedAt);
    for (const entry of Object.values(zip.files)) {
      // Zip times have a 2-second resolution.
      expect(Math.abs(entry.date.getTime() - generatedAt)).toBeLessThanOrEqual(2000);
    }
  });

  it('holds a header row and one row per indicator, dated from the snapshot', async () => {
    const workbook = new Workbook();
    const bytes = await scorecardXlsx(scorecard);
    // exceljs declares its own Buffer (an ArrayBuffer); hand it a plain copy of the bytes.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.rowCount).toBe(4);
    expect(sheet?.getRow(1).getCell(2).value).toBe('code');
    expect(sheet?.getRow(2).getCell(2).value).toBe('FD02');
    expect(sheet?.getRow(2).getCell(10).value).toBe(20.45);
    expect(sheet?.getRow(3).getCell(3).value).toBe(`'=HYPERLINK("http://example.invalid")`);
    expect(workbook.created.toISOString()).toBe('2025-06-30T01:02:03.000Z');
  });
});
