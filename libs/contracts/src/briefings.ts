/** Quarter sign-off and the briefing pack as they cross HTTP. */

/** A manager's sign-off of a quarter on one published snapshot. */
export interface SignOff {
  id: string;
  /** `2024-25 Q3`. */
  period: string;
  snapshotId: string;
  note: string | null;
  signedOffBy: string;
  signedOffAt: string;
  /** Set when the sign-off was withdrawn; a withdrawn sign-off no longer applies. */
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  withdrawnReason: string | null;
}

/** `POST /api/signoffs` body. */
export interface SignOffRequest {
  period: string;
  /** Default: the current published snapshot. */
  snapshotId?: string;
  note?: string;
}

/** `DELETE /api/signoffs/:id` body. */
export interface SignOffWithdrawal {
  reason: string;
}

/** An indicator whose figures in the latest snapshot differ from the signed-off ones. */
export interface Revision {
  code: string;
  title: string;
  signedOff: { display: string; rag: string | null; exception: boolean };
  latest: { display: string; rag: string | null; exception: boolean };
  /** The snapshot holding the newer figures, and when it was built. */
  latestSnapshotId: string;
  revisedAt: string;
}

/** Which figures a scorecard of a signed-off quarter shows, and what changed since. */
export interface SignOffState {
  signOff: SignOff;
  /** `signed_off`: the signed-off snapshot's figures (the default); `latest`: the current snapshot's. */
  figures: 'signed_off' | 'latest';
  revisions: Revision[];
}

/** `GET /api/briefings/:period`: what the pack of a quarter will be built from. */
export interface BriefingSummary {
  period: string;
  snapshotId: string;
  generatedAt: string;
  signOff: SignOff | null;
  /** True when no sign-off applies: the pack is watermarked "DRAFT - not signed off". */
  draft: boolean;
  counts: RagCounts;
  exceptions: string[];
  /** PDF needs a Chromium on the server; null when one was found, else how to install one. */
  pdfUnavailableReason: string | null;
}

export interface RagCounts {
  red: number;
  amber: number;
  green: number;
  context: number;
  /** Indicators with a target but no value this quarter. */
  noRag: number;
}
