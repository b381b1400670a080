import { Injectable } from '@nestjs/common';
import type { IndicatorDetail, Revision, Scorecard, SignOff, SignOffState } from '@oscp/contracts';
import { SignOffsService } from '../signoffs/signoffs.service';
import { ScorecardService } from './scorecard.service';

export type Figures = 'signed_off' | 'latest';

/** The indicators whose value, RAG or exception differ between the signed-off and the latest scorecard. */
export function revisionsBetween(signedOff: Scorecard, latest: Scorecard): Revision[] {
  const newer = new Map(latest.indicators.map((indicator) => [indicator.code, indicator]));
  const revisions: Revision[] = [];
  for (const before of signedOff.indicators) {
    const after = newer.get(before.code);
    if (!after) continue;
    const changed =
      before.value !== after.value ||
      before.display !== after.display ||
      before.rag !== after.rag ||
      before.exception !== after.exception;
    if (!changed) continue;
    revisions.push({
      code: before.code,
      title: before.title,
      signedOff: { display: before.display, rag: before.rag, exception: before.exception },
      latest: { display: after.display, rag: after.rag, exception: after.exception },
      latestSnapshotId: latest.snapshotId,
      revisedAt: latest.generatedAt,
    });
  }
  return revisions;
}

/**
 * The scorecard as `/api/scorecard` serves it, and an indicator as `/api/indicators/:code` does:
 * for a signed-off quarter the signed-off snapshot's figures by default (`figures=latest` for the
 * current snapshot's), with the sign-off and the indicators revised since. An explicitly named
 * snapshot is served as it is.
 */
@Injectable()
export class SignedOffScorecards {
  constructor(
    private readonly scorecards: ScorecardService,
    private readonly signOffs: SignOffsService,
  ) {}

  async scorecard(query: {
    period?: string;
    snapshot?: string;
    published: boolean;
    figures: Figures;
  }): Promise<Scorecard> {
    const asked = await this.scorecards.scorecard(query);
    const signOff = await this.signOffs.inForce(asked.period);
    if (!signOff) return { ...asked, signOffState: null };
    if (query.snapshot) {
      if (query.snapshot !== signOff.snapshotId) return { ...asked, signOffState: null };
      return { ...asked, signOffState: { signOff, figures: 'signed_off', revisions: [] } };
    }
    return this.withSignOff(asked, signOff, query);
  }

  async indicatorDetail(
    code: string,
    query: { period?: string; snapshot?: string; quarters: number; figures: Figures },
  ): Promise<IndicatorDetail> {
    const asked = await this.scorecards.indicatorDetail(code, query);
    const signOff = await this.signOffs.inForce(asked.period);
    if (!signOff) return { ...asked, signOffState: null };
    if (query.snapshot) {
      if (query.snapshot !== signOff.snapshotId) return { ...asked, signOffState: null };
      return { ...asked, signOffState: { signOff, figures: 'signed_off', revisions: [] } };
    }
    // The quarter's revisions come from the whole scorecard (cached per snapshot), so the page
    // can say how many indicators newer figures change, as the overview does.
    const card = await this.withSignOff(
      await this.scorecards.scorecard({ period: asked.period, published: false }),
      signOff,
      { published: false, figures: query.figures },
    );
    const state = card.signOffState ?? null;
    if (query.figures === 'latest' || signOff.snapshotId === asked.snapshotId)
      return { ...asked, signOffState: state };
    const signedOff = await this.scorecards.indicatorDetail(code, {
      period: asked.period,
      snapshot: signOff.snapshotId,
      quarters: query.quarters,
    });
    return { ...signedOff, signOffState: state };
  }

  private async withSignOff(
    latest: Scorecard,
    signOff: SignOff,
    query: { published: boolean; figures: Figures },
  ): Promise<Scorecard> {
    if (signOff.snapshotId === latest.snapshotId) {
      return { ...latest, signOffState: { signOff, figures: 'signed_off', revisions: [] } };
    }
    const signedOff = await this.scorecards.scorecard({
      period: latest.period,
      snapshot: signOff.snapshotId,
      published: query.published,
    });
    const state: SignOffState = {
      signOff,
      figures: query.figures,
      revisions: revisionsBetween(signedOff, latest),
    };
    return { ...(query.figures === 'latest' ? latest : signedOff), signOffState: state };
  }
}
