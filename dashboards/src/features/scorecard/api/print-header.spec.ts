import { describe, expect, it } from 'vitest';
import { makeSignOff, scorecardFixture } from '../../../test-support/fixtures';
import { overviewPrintHeader } from './print-header';

const summary = {
  publishedAt: '2025-05-01T08:15:00.000Z',
  createdAt: '2025-05-01T08:14:00.000Z',
  runNumber: 12,
};

describe('the printed overview running header', () => {
  it('names the quarter and the published scorecard when the quarter is not signed off', () => {
    const text = overviewPrintHeader({ ...scorecardFixture, signOffState: null }, summary);
    expect(text).toMatch(
      /^OSCP partnership scorecard · 2024-25 Q4 · Published 1 May 2025 at \d\d:\d\d - run 12$/,
    );
    expect(text).not.toContain('Signed off');
  });

  it('says on every sheet who signed the quarter off and when', () => {
    const text = overviewPrintHeader(
      { ...scorecardFixture, signOffState: { signOff: makeSignOff(), figures: 'signed_off', revisions: [] } },
      summary,
    );
    expect(text).toMatch(/ · Signed off 12 Jun 2025 by Pat Manager$/);
  });

  it('says when the sheets carry the latest figures instead of the signed-off ones', () => {
    const text = overviewPrintHeader(
      { ...scorecardFixture, signOffState: { signOff: makeSignOff(), figures: 'latest', revisions: [] } },
      null,
    );
    expect(text).toContain('· built ');
    expect(text).toMatch(
      / · Signed off 12 Jun 2025 by Pat Manager \(latest figures shown, not the signed-off ones\)$/,
    );
  });
});
