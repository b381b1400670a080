import type { TargetOverrideInput } from '@oscp/scorecard';

/**
 * What a snapshot build needs from the targets feature: the analysts' target changes to apply.
 * An abstract class so it is both the type and the injection token; `TargetsModule` provides and
 * exports it, so an application without that module fails at start-up instead of building with
 * no target changes.
 */
export abstract class TargetOverridesSource {
  abstract overridesForBuild(): Promise<TargetOverrideInput[]>;
}
