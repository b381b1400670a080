import { createHash } from 'node:crypto';
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

/** A scorecard response encoded once: its JSON as the UTF-8 bytes sent, and a weak ETag of them. */
export interface EncodedScorecard {
  body: Buffer;
  etag: string;
}

/** A served scorecard, and what its JSON can be kept by: the kept scorecard it is made from and the sign-off state. */
interface ServedScorecard {
  /** The scorecard object from the per-snapshot cache (a new object when it carries a notice). */
  base: Scorecard;
  /** Everything else the response depends on. */
  stateKey: string;
  response: () => Scorecard;
}

/** Encodings kept per base scorecard (one per sign-off state seen); more than this starts afresh. */
const ENCODINGS_KEPT_PER_SCORECARD = 8;

/**
 * The scorecard as `/api/scorecard` serves it: for a signed-off quarter the signed-off snapshot's
 * figures by default (`figures=latest` for the current snapshot's), with the sign-off and the
 * indicators revised since. An explicitly named snapshot is served as it is.
 */
@Injectable()
export class SignedOffScorecards {
  /**
   * JSON already encoded, by the kept scorecard object it was made from: that object lives as
   * long as its snapshot's cache entry, so an encoding can never outlive the figures it holds.
   */
  private readonly encoded = new WeakMap<Scorecard, Map<string, EncodedScorecard>>();
  /** State keys by sign-off object (kept objects are never changed: a change is a new read). */
  private readonly signOffKeys = new WeakMap<SignOff, SignOffStateKeys>();

  constructor(
    private readonly scorecards: ScorecardService,
    private readonly signOffs: SignOffsService,
  ) {}

  async scorecard(query: ScorecardRequest): Promise<Scorecard> {
    return (await this.served(query)).response();
  }

  /**
   * The same scorecard as JSON, encoded once per scorecard and sign-off state. Past the snapshot
   * check, a kept scorecard and sign-off state are answered without further promises.
   */
  scorecardJson(query: ScorecardRequest): Promise<EncodedScorecard> {
    return this.scorecards.scorecard(query).then((asked) => {
      const served = this.servedFrom(asked, query);
      return served instanceof Promise ? served.then((s) => this.encodedOf(s)) : this.encodedOf(served);
    });
  }

  private encodedOf(served: ServedScorecard): EncodedScorecard {
    let byState = this.encoded.get(served.base);
    if (!byState) {
      byState = new Map();
      this.encoded.set(served.base, byState);
    }
    const kept = byState.get(served.stateKey);
    if (kept) return kept;
    const json = JSON.stringify(served.response());
    const encoded = { body: Buffer.from(json, 'utf8'), etag: weakEtag(json) };
    if (byState.size >= ENCODINGS_KEPT_PER_SCORECARD) byState.clear();
    byState.set(served.stateKey, encoded);
    return encoded;
  }

  /** An indicator as `/api/indicators/:code` serves it, by the same rules as the scorecard. */
  async indicatorDetail(
    code: string,
    query: { period?: string; snapshot?: string; quarters: number; figures: Figures },
  ): Promise<IndicatorDetail> {
    const asked = await this.scorecards.indicatorDetail(code, query);
    const signOff = await this.signOffs.inForceServed(asked.period);
    if (!signOff) return { ...asked, signOffState: null };
    if (query.snapshot) {
      if (query.snapshot !== signOff.snapshotId) return { ...asked, signOffState: null };
      return { ...asked, signOffState: { signOff, figures: 'signed_off', revisions: [] } };
    }
    // The quarter's revisions come from the whole scorecard (cached per snapshot), so the page
    // can say how many indicators newer figures change, as the overview does.
    const served = await this.served({ period: asked.period, published: false, figures: query.figures });
    const state = served.response().signOffState ?? null;
    if (query.figures === 'latest' || signOff.snapshotId === asked.snapshotId)
      return { ...asked, signOffState: state };
    const signedOff = await this.scorecards.indicatorDetail(code, {
      period: asked.period,
      snapshot: signOff.snapshotId,
      quarters: query.quarters,
    });
    return { ...signedOff, signOffState: state };
  }

  private async served(query: ScorecardRequest): Promise<ServedScorecard> {
    return this.servedFrom(await this.scorecards.scorecard(query), query);
  }

  private servedFrom(asked: Scorecard, query: ScorecardRequest): ServedScorecard | Promise<ServedScorecard> {
    const signOff = this.signOffs.inForceServed(asked.period);
    return signOff instanceof Promise
      ? signOff.then((found) => this.servedWith(asked, found, query))
      : this.servedWith(asked, signOff, query);
  }

  private servedWith(
    asked: Scorecard,
    signOff: SignOff | null,
    query: ScorecardRequest,
  ): ServedScorecard | Promise<ServedScorecard> {
    const unsigned = {
      base: asked,
      stateKey: 'not signed off',
      response: () => ({ ...asked, signOffState: null }),
    };
    if (!signOff) return unsigned;
    const keys = this.stateKeysOf(signOff);
    const asSignedOff = {
      base: asked,
      stateKey: keys.signedOff,
      response: (): Scorecard => ({
        ...asked,
        signOffState: { signOff, figures: 'signed_off', revisions: [] },
      }),
    };
    if (query.snapshot) return query.snapshot === signOff.snapshotId ? asSignedOff : unsigned;
    if (signOff.snapshotId === asked.snapshotId) return asSignedOff;
    // The signed-off snapshot's scorecard is fixed by the sign-off (its snapshot, this quarter and view).
    return this.scorecards
      .scorecard({ period: asked.period, snapshot: signOff.snapshotId, published: query.published })
      .then((signedOff) => ({
        base: asked,
        stateKey: keys.revised[query.figures],
        response: () => {
          const state: SignOffState = {
            signOff,
            figures: query.figures,
            revisions: revisionsBetween(signedOff, asked),
          };
          return { ...(query.figures === 'latest' ? asked : signedOff), signOffState: state };
        },
      }));
  }

  /**
   * The state keys of a sign-off, by its whole content, made once per sign-off object: the kept
   * sign-offs are the same objects until they are read again, so requests do not encode one each.
   */
  private stateKeysOf(signOff: SignOff): SignOffStateKeys {
    let keys = this.signOffKeys.get(signOff);
    if (!keys) {
      const json = JSON.stringify(signOff);
      keys = {
        signedOff: `signed off ${json}`,
        revised: { signed_off: `revised signed_off ${json}`, latest: `revised latest ${json}` },
      };
      this.signOffKeys.set(signOff, keys);
    }
    return keys;
  }
}

/** What a served scorecard's encoding is kept by, for one sign-off (see `ServedScorecard.stateKey`). */
interface SignOffStateKeys {
  signedOff: string;
  revised: Record<Figures, string>;
}

interface ScorecardRequest {
  period?: string;
  snapshot?: string;
  published: boolean;
  figures: Figures;
}

/** A weak validator of the response bytes, as Express would make (set here so it is made once). */
function weakEtag(json: string): string {
  const hash = createHash('sha1').update(json, 'utf8').digest('base64').slice(0, 27);
  return `W/"${Buffer.byteLength(json, 'utf8').toString(16)}-${hash}"`;
}
