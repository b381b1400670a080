import type { AgencyBreakdownRow } from '@oscp/contracts';
import { describe, expect, it } from 'vitest';
import { contributionSentence } from './agency-sentences';

const row = (over: Partial<AgencyBreakdownRow>): AgencyBreakdownRow => ({
  indicatorCode: 'CP08',
  indicatorTitle: 'Partner attendance at conference',
  key: 'POLICE',
  numerator: 44,
  denominator: 50,
  value: 88,
  display: '88.0',
  previousValue: 93,
  previousDisplay: '93.0',
  ...over,
});

describe('agency sentences', () => {
  it('says how the police did at conferences against the quarter before', () => {
    expect(contributionSentence('Police', row({}))).toBe(
      'Police attended 88.0% of the conferences they were invited to (44 of 50), down from 93.0%.',
    );
    expect(contributionSentence('Police', row({ previousValue: 80, previousDisplay: '80.0' }))).toMatch(
      /, up from 80\.0%\.$/,
    );
    expect(contributionSentence('Police', row({ previousValue: null, previousDisplay: null }))).toMatch(
      /, with no figure for the quarter before\.$/,
    );
  });

  it("words FD06's share of referrals by source", () => {
    expect(
      contributionSentence(
        'Police',
        row({
          indicatorCode: 'FD06',
          key: 'Police',
          numerator: 120,
          denominator: 1000,
          display: '12.0',
          value: 12,
        }),
      ),
    ).toBe('12.0% of referrals came from the police (120 of 1,000), down from 93.0%.');
  });
});
