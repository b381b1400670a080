import { describe, expect, it } from 'vitest';
import { findingValue } from './mask';

describe('findingValue', () => {
  it('masks identifier columns to the first two characters and the length', () => {
    expect(findingValue('child_id', 'CH101224')).toBe('CH…(8)');
    expect(findingValue('contact_id', 'Jane Smith')).toBe('Ja…(10)');
    expect(findingValue('plan_id', 'X')).toBe('X…(1)');
  });

  it('cuts other values to 50 characters', () => {
    expect(findingValue('note', 'x'.repeat(501))).toBe('x'.repeat(50));
    expect(findingValue('source', '3G')).toBe('3G');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(findingValue('note', '😀'.repeat(60))).toBe('😀'.repeat(50));
  });
});
