import type { Scorecard, SignOff } from '@oscp/contracts';
import { describe, expect, it, vi } from 'vitest';
import { scorecardOf } from '../briefings/testing/briefing-fixture';
import type { SignOffsService } from '../signoffs/signoffs.service';
import type { ScorecardService } from './scorecard.service';
import { revisionsBetween, SignedOffScorecards } from './signed-off-scorecard';

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

describe('SignedOffScorecards.scorecardJson', () => {
  const period = '2024-25 Q4';
  const latest = scorecardOf(period);
  const signOffOf = (snapshotId: string): SignOff => ({
    id: '7d0c1e52-8a4f-4c55-9d2e-2f6f3a0c0001',
    period,
    snapshotId,
    note: null,
    signedOffBy: 'A Manager',
    signedOffAt: '2025-05-01T09:00:00.000Z',
    withdrawnAt: null,
    withdrawnBy: null,
    withdrawnReason: null,
  });

  /** The kept scorecard object, as the per-snapshot cache hands it out, and a sign-off that can change. */
  function served(keptInMemory = false): {
    scorecards: SignedOffScorecards;
    signOff: { current: SignOff | null };
  } {
    const signOff: { current: SignOff | null } = { current: null };
    const scorecardService = {
      scorecard: async (): Promise<Scorecard> => latest,
    } as unknown as ScorecardService;
    // Sign-offs kept in memory are answered at once; otherwise through a promise.
    const signOffs = {
      inForceServed: keptInMemory ? () => signOff.current : async () => signOff.current,
    } as unknown as SignOffsService;
    return { scorecards: new SignedOffScorecards(scorecardService, signOffs), signOff };
  }

  const query = { published: false, figures: 'signed_off' as const };

  it('gives the same bytes as encoding the scorecard object, and encodes them once', async () => {
    const { scorecards } = served();
    const first = await scorecards.scorecardJson(query);
    expect(first.body.toString('utf8')).toBe(JSON.stringify(await scorecards.scorecard(query)));
    expect(first.etag).toMatch(/^W\/"[0-9a-f]+-[A-Za-z0-9+/]{27}"$/);
    expect(await scorecards.scorecardJson(query)).toBe(first);
  });

  it('encodes afresh when the sign-off in force changes', async () => {
    const { scorecards, signOff } = served();
    const unsigned = await scorecards.scorecardJson(query);
    signOff.current = signOffOf(latest.snapshotId);
    const signed = await scorecards.scorecardJson(query);
    expect(signed.etag).not.toBe(unsigned.etag);
    expect((JSON.parse(signed.body.toString('utf8')) as Scorecard).signOffState?.signOff.id).toBe(
      signOff.current.id,
    );
    signOff.current = null;
    expect(
      (JSON.parse((await scorecards.scorecardJson(query)).body.toString('utf8')) as Scorecard).signOffState,
    ).toBeNull();
  });

  it('gives the same bytes whether the sign-off is answered at once or through a promise', async () => {
    for (const keptInMemory of [false, true]) {
      const { scorecards, signOff } = served(keptInMemory);
      signOff.current = signOffOf(latest.snapshotId);
      const encoded = await scorecards.scorecardJson(query);
      expect(encoded.body.toString('utf8')).toBe(JSON.stringify(await scorecards.scorecard(query)));
    }
  });

  it('keeps the encoding when the sign-offs are read again unchanged (new objects, same content)', async () => {
    const { scorecards, signOff } = served(true);
    signOff.current = signOffOf(latest.snapshotId);
    const first = await scorecards.scorecardJson(query);
    signOff.current = signOffOf(latest.snapshotId);
    expect(await scorecards.scorecardJson(query)).toBe(first);
    signOff.current = { ...signOffOf(latest.snapshotId), note: 'Signed off at the board' };
    expect((await scorecards.scorecardJson(query)).etag).not.toBe(first.etag);
  });

  it('encodes a sign-off to key its state once per sign-off object, not on every request', async () => {
    const { scorecards, signOff } = served(true);
    const kept = signOffOf(latest.snapshotId);
    signOff.current = kept;
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      for (let request = 0; request < 3; request += 1) await scorecards.scorecardJson(query);
      expect(stringify.mock.calls.filter(([value]) => value === kept)).toHaveLength(1);
    } finally {
      stringify.mockRestore();
    }
  });
});
