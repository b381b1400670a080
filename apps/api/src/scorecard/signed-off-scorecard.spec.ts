import { describe, expect, it } from 'vitest';
import { scorecardOf } from '../briefings/testing/briefing-fixture';
import { revisionsBetween } from './signed-off-scorecard';

describe('revisionsBetween', () => {
  it('lists each indicator whose value, RAG or exception changed, with both values and the newer snapshot', () => {
    const signedOff = scorecardOf('2024-25 Q4');
    const latest = {
      ...scorecardOf('2024-25 Q4', {
        PT06: { value: 5, display: '5.0', rag: 'red' },
        FD02: { exception: true },
        CP01: { rag: 'green' },
      }),
      snapshotId: '0b0e7c8e-3a52-4c7e-9a51-3f1f1f7f0002',
      generatedAt: '2025-06-20T01:00:00.000Z',
    };
    const revisions = revisionsBetween(signedOff, latest);
    expect(revisions.map((revision) => revision.code)).toEqual(['FD02', 'CP01', 'PT06']);
    expect(revisions.find((revision) => revision.code === 'PT06')).toEqual({
      code: 'PT06',
      title: 'Multi-agency case audits rated good or better',
      signedOff: { display: '84.5', rag: 'green', exception: false },
      latest: { display: '5.0', rag: 'red', exception: false },
      latestSnapshotId: '0b0e7c8e-3a52-4c7e-9a51-3f1f1f7f0002',
      revisedAt: '2025-06-20T01:00:00.000Z',
    });
  });

  it('finds nothing when the figures are the same', () => {
    expect(revisionsBetween(scorecardOf('2024-25 Q4'), scorecardOf('2024-25 Q4'))).toEqual([]);
  });
});
