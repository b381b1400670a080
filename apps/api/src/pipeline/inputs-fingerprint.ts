import { createHash } from 'node:crypto';
import type { TargetOverrideInput } from '@oscp/scorecard';
import { SNAPSHOT_SCHEMA_VERSION } from '@oscp/warehouse';

export interface SnapshotInputs {
  /** Ids of every accepted submission. */
  submissionIds: string[];
  overrides: TargetOverrideInput[];
  /** Each agency's partner-return due days (changing one re-judges which returns are overdue). */
  returnDueWorkingDays?: Readonly<Record<string, number>>;
  laCode: number;
  /** "Today" for the build: which partner returns are overdue, and the default quarter, follow it. */
  runDate: string;
  /** The snapshot layout to build (default: this version's), so a new layout is rebuilt. */
  schemaVersion?: number;
}

/**
 * A SHA-256 of everything a snapshot is built from, independent of order: a run whose inputs
 * have this fingerprint would rebuild the published snapshot, so it publishes nothing.
 */
export function inputsFingerprint(inputs: SnapshotInputs): string {
  const overrides = inputs.overrides
    .map((override) => ({
      code: override.code,
      financialYear: override.financialYear,
      target: override.target,
      tolerance: override.tolerance,
    }))
    .sort((a, b) => `${a.code} ${a.financialYear}`.localeCompare(`${b.code} ${b.financialYear}`));
  const canonical = JSON.stringify({
    submissions: [...inputs.submissionIds].sort(),
    overrides,
    // Only when set, so fingerprints of snapshots built before agencies had due days still match.
    ...(inputs.returnDueWorkingDays && Object.keys(inputs.returnDueWorkingDays).length > 0
      ? {
          returnDueWorkingDays: Object.fromEntries(
            Object.entries(inputs.returnDueWorkingDays).sort(([a], [b]) => a.localeCompare(b)),
          ),
        }
      : {}),
    laCode: inputs.laCode,
    runDate: inputs.runDate,
    schemaVersion: inputs.schemaVersion ?? SNAPSHOT_SCHEMA_VERSION,
  });
  return createHash('sha256').update(canonical).digest('hex');
}
