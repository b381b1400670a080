import { describe, expect, it } from 'vitest';
import { isFormulaLike, safeCsvCell, safeCsvRecord, safeCsvRow } from './csv-safety';

describe('safeCsvCell', () => {
  it.each(['=1+1', '+SUM(A1:A2)', '-2+3', '@cmd', '\t=1', '\r=1', '=HYPERLINK("http://x","y")'])(
    'prefixes %j with an apostrophe so a spreadsheet shows it as text',
    (text) => {
      expect(safeCsvCell(text)).toBe(`'${text}`);
    },
  );

  it('leaves ordinary text, empty text and text with a formula character inside alone', () => {
    expect(safeCsvCell('Oldham MASH')).toBe('Oldham MASH');
    expect(safeCsvCell('')).toBe('');
    expect(safeCsvCell('a=b')).toBe('a=b');
  });

  it('guards a negative number written as text too (numbers should be passed as numbers)', () => {
    expect(safeCsvCell('-12.5')).toBe("'-12.5");
    expect(isFormulaLike('-12.5')).toBe(true);
  });

  it('passes typed numbers, booleans and dates through and turns undefined into null', () => {
    const date = new Date('2025-01-01T00:00:00Z');
    expect(safeCsvCell(-3)).toBe(-3);
    expect(safeCsvCell(true)).toBe(true);
    expect(safeCsvCell(date)).toBe(date);
    expect(safeCsvCell(undefined)).toBeNull();
    expect(safeCsvCell(null)).toBeNull();
  });

  it('guards every cell of a row and of a record', () => {
    expect(safeCsvRow(['=x', 1, 'ok'])).toEqual(["'=x", 1, 'ok']);
    expect(safeCsvRecord({ a: '@x', b: 'y' })).toEqual({ a: "'@x", b: 'y' });
  });
});
