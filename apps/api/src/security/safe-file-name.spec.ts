import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeFileName, safePathInside } from './safe-file-name';

describe('safeFileName', () => {
  it('keeps an ordinary extract name as it is', () => {
    expect(safeFileName('cscl_referrals_2024-25 Q3.csv')).toBe('cscl_referrals_2024-25 Q3.csv');
  });

  it.each([
    ['../../etc/passwd.csv', 'passwd.csv'],
    ['..%2F..%2Fetc%2Fpasswd.csv', 'passwd.csv'],
    ['..%252F..%252Fetc%252Fpasswd.csv', 'passwd.csv'],
    ['/etc/passwd.csv', 'passwd.csv'],
    ['C:\\Windows\\system32\\evil.xlsx', 'evil.xlsx'],
    ['..\\..\\evil.csv', 'evil.csv'],
  ])('strips the folders from %j', (supplied, expected) => {
    expect(safeFileName(supplied)).toBe(expected);
  });

  it('removes NUL and control characters, so "x.csv\\0.exe" cannot hide an extension', () => {
    expect(safeFileName('x.csv\u0000.exe')).toBe('x.csv.exe');
    expect(safeFileName('a\u0001b\nc.csv')).toBe('abc.csv');
  });

  it('never returns a dot file, an empty name or a parent-folder name', () => {
    expect(safeFileName('..')).toBe('upload');
    expect(safeFileName('')).toBe('upload');
    expect(safeFileName('.env')).toBe('env');
    expect(safeFileName('a..b.csv')).toBe('a.b.csv');
  });

  it('replaces characters outside letters, digits, dot, underscore, dash and space', () => {
    expect(safeFileName('re$ults;rm -rf.csv')).toBe('re_ults_rm -rf.csv');
  });

  it('prefixes Windows device names', () => {
    expect(safeFileName('NUL.csv')).toBe('_NUL.csv');
  });

  it('shortens long names but keeps the extension', () => {
    const name = safeFileName(`${'a'.repeat(300)}.xlsx`);
    expect(name).toHaveLength(120);
    expect(name.endsWith('.xlsx')).toBe(true);
  });
});

describe('safePathInside', () => {
  it('puts a traversal attempt inside the folder', () => {
    const folder = resolve('some-data', 'uploads');
    expect(safePathInside(folder, '../../etc/passwd.csv')).toBe(resolve(folder, 'passwd.csv'));
    expect(safePathInside(folder, '/etc/passwd.csv')).toBe(resolve(folder, 'passwd.csv'));
  });
});
