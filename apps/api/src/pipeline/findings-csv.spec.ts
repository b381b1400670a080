import type { QualityFinding } from '@oscp/contracts';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { findingsCsvHeader, findingsCsvRows, spreadsheetSafe } from './findings-csv';

const finding = (value: string | null, message = 'A plain message'): QualityFinding => ({
  id: 'f1',
  runId: 'r1',
  submissionId: null,
  kind: 'row_quarantined',
  dataset: 'contacts',
  fileName: 'contacts_20250407.csv',
  line: 12,
  column: 'source',
  value,
  rule: 'code_list',
  message,
});

describe('findings CSV', () => {
  it.each(['=1+1', '+44', '-2+3', '@SUM(A1)', '\tx', '\rx'])(
    'prefixes %j with an apostrophe so it opens as text',
    (value) => {
      expect(spreadsheetSafe(value)).toBe(`'${value}`);
    },
  );

  it('leaves ordinary text and numbers alone', () => {
    expect(spreadsheetSafe('6A')).toBe('6A');
    expect(spreadsheetSafe(12)).toBe(12);
    expect(spreadsheetSafe(null)).toBeNull();
  });

  it('writes one quoted row per finding that reads back to the same cells', () => {
    const csv =
      findingsCsvHeader() +
      findingsCsvRows([
        finding('=HYPERLINK("x")', 'Line 12, column source: "=HYPERLINK" is not a code, rule code_list'),
      ]);
    const rows = parse(csv) as string[][];
    expect(rows[0]).toEqual(['kind', 'dataset', 'file', 'line', 'column', 'value', 'rule', 'message']);
    expect(rows[1]).toEqual([
      'row_quarantined',
      'contacts',
      'contacts_20250407.csv',
      '12',
      'source',
      `'=HYPERLINK("x")`,
      'code_list',
      'Line 12, column source: "=HYPERLINK" is not a code, rule code_list',
    ]);
  });
});
