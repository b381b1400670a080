import { describe, expect, it } from 'vitest';
import { loadContracts } from '../contracts';
import { normaliseHeader, personalDataKind } from './header';

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
      expect(personalDataKind(normaliseHeader(raw)), raw).not.toBeNull();
    }
    expect(personalDataKind(normaliseHeader('child_id'))).toBeNull();
  });

  it.each([
    ['Child Name', 'a name'],
    ['childName', 'a name'],
    ['Forenames', 'a name'],
    ['Address Line 2', 'an address'],
    ['Post-Code', 'a postcode'],
    ['D.O.B.', 'a date of birth'],
    ['Birth Date', 'a date of birth'],
    ['NI Number', 'a national insurance number'],
    ['Mobile', 'a phone number'],
    ['Tel No', 'a phone number'],
    ['E-Mail Address', 'an address'],
    ['Contact Email', 'an email address'],
  ])('recognises %s as %s', (raw, what) => {
    expect(personalDataKind(normaliseHeader(raw))).toBe(what);
  });

  it('matches no column of any contract', () => {
    const contracts = loadContracts();
    const columns = Object.values(contracts.datasets).flatMap((dataset) =>
      dataset.columns.map((c) => c.name),
    );
    expect(columns.length).toBeGreaterThan(40);
    expect(columns.filter((name) => personalDataKind(name) !== null)).toEqual([]);
  });
});
