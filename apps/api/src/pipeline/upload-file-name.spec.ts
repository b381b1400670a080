import { describe, expect, it } from 'vitest';
import { displayFileName } from './upload.service';

describe("the uploader's own file name (kept for display only)", () => {
  it('keeps a name with spaces and shell characters as it was', () => {
    expect(displayFileName('weird name;rm -rf.csv')).toBe('weird name;rm -rf.csv');
  });

  it('drops folder parts a browser sent and control characters', () => {
    expect(displayFileName('C:\\Users\\me\\returns.csv')).toBe('returns.csv');
    expect(displayFileName('../../etc/passwd\u0000.csv')).toBe('passwd.csv');
    expect(displayFileName('a\nb.csv')).toBe('ab.csv');
  });

  it('never gives an empty name and keeps at most 255 characters', () => {
    expect(displayFileName('   ')).toBe('upload');
    expect(displayFileName(`${'x'.repeat(300)}.csv`)).toHaveLength(255);
  });
});
