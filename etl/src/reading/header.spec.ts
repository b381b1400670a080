import { describe, expect, it } from 'vitest';
import { PERSONAL_DATA_HEADERS, normaliseHeader } from './header';

describe('normaliseHeader', () => {
  it('trims, lower-cases and turns runs of spaces and hyphens into _', () => {
    expect(normaliseHeader('Date of Birth')).toBe('date_of_birth');
    expect(normaliseHeader('  SOURCE')).toBe('source');
    expect(normaliseHeader('Referral_ID ')).toBe('referral_id');
    expect(normaliseHeader('Child-ID')).toBe('child_id');
    expect(normaliseHeader('PRIMARY  NEED - CODE')).toBe('primary_need_code');
    expect(normaliseHeader('s47\tstart date')).toBe('s47_start_date');
  });

  it('recognises personal-data headers once normalised', () => {
    for (const raw of [
      'Name',
      'First Name',
      'last-name',
      'Full Name',
      'Postcode',
      'DOB',
      'Date of Birth',
      'NHS Number',
      'nhs-no',
      'UPN',
    ]) {
      expect(PERSONAL_DATA_HEADERS.has(normaliseHeader(raw)), raw).toBe(true);
    }
    expect(PERSONAL_DATA_HEADERS.has(normaliseHeader('child_id'))).toBe(false);
  });
});
