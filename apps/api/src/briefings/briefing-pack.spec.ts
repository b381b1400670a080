import { describe, expect, it } from 'vitest';
import { DRAFT_WATERMARK, INTERNAL_MARKING } from './briefing-pack';
import { samplePack, scorecardOf } from './testing/briefing-fixture';

describe('assembleBriefingPack', () => {
  it('counts ratings now and last quarter, and names what turned red and what recovered', () => {
    const pack = samplePack();
    expect(pack.counts.red).toBe(1);
    expect(pack.previousCounts?.red).toBe(1);
    expect(
      pack.counts.context + pack.counts.red + pack.counts.green + pack.counts.amber + pack.counts.noRag,
    ).toBe(26);
    expect(pack.newlyRed.map((item) => item.code)).toEqual(['FD02']);
    expect(pack.recovered.map((item) => item.code)).toEqual(['CP02']);
  });

  it('gives every exception its reasons in words and its trend', () => {
    const [exception] = samplePack().exceptions;
    expect(exception?.indicator.code).toBe('FD02');
    expect(exception?.reasons).toEqual(['Red: 83.3% against a target of at least 95%']);
    expect(exception?.trend).toHaveLength(8);
    expect(exception?.report).toBeNull();
  });

  it('says how many working days an overdue partner return is late, in the reasons and the returns missing', () => {
    const pack = samplePack({
      scorecard: scorecardOf('2024-25 Q4', {
        PT05: {
          status: 'no_data',
          display: '[x]',
          value: null,
          exception: true,
          exceptionReasons: ['partner_return_missing'],
          partnerReturnWorkingDaysOverdue: 20,
        },
      }),
    });
    const pt05 = pack.exceptions.find((item) => item.indicator.code === 'PT05');
    expect(pt05?.reasons).toEqual(['Health return for 2024-25 Q4 not received, 20 working days overdue']);
    expect(pack.returnsMissing).toEqual([
      expect.objectContaining({ code: 'PT05', state: 'missing', workingDaysOverdue: 20 }),
    ]);
  });

  it('marks the internal pack OFFICIAL-SENSITIVE, and a pack without sign-off as a draft', () => {
    const signed = samplePack();
    expect(signed.marking).toBe(INTERNAL_MARKING);
    expect(signed.draft).toBe(false);
    const draft = samplePack({ signOff: null });
    expect(draft.draft).toBe(true);
    expect(DRAFT_WATERMARK).toBe('DRAFT - not signed off');
  });

  it('leaves commentary and report narrative out of the published pack, shows [c] for hidden trend points and suppresses small quarantine counts', () => {
    const internal = scorecardOf('2024-25 Q4', {
      FD02: { exception: true, exceptionReasons: ['red'], rag: 'red' },
    });
    const published = scorecardOf(
      '2024-25 Q4',
      {
        FD02: {
          exception: true,
          exceptionReasons: ['red'],
          rag: 'red',
          trend: internal.indicators[1]?.trend?.map((point, index) => ({
            ...point,
            value: index === 0 ? null : point.value,
          })),
        },
      },
      true,
    );
    const pack = samplePack({
      scorecard: published,
      internal,
      reports: new Map([
        ['FD02', { cause: 'x', impact: 'y', actions: [], trajectory: null, escalation: null }],
      ]),
    });
    expect(pack.marking).toBeNull();
    expect(pack.commentary.size).toBe(0);
    expect(pack.exceptions[0]?.report).toBeNull();
    expect(pack.exceptions[0]?.trend[0]?.shown).toBe('[c]');
    expect(pack.dataQuality).toEqual([{ dataset: 'contacts', quarantinedRows: null, rejectedFiles: 1 }]);
  });

  it('gives an accepted report a page even when its indicator is not an exception', () => {
    const pack = samplePack({
      reports: new Map([
        ['PT02', { cause: 'Chosen', impact: null, actions: [], trajectory: null, escalation: null }],
      ]),
    });
    expect(pack.exceptions.map((item) => item.indicator.code)).toEqual(['FD02', 'PT02']);
    expect(pack.exceptions[1]?.reasons).toEqual([]);
  });
});
