import type { IndicatorDefinition } from '@oscp/contracts';
import type { TargetInForce, TargetOverrideInput } from './measures';

/**
 * The target and tolerance for an indicator in a financial year: an analyst's override for
 * that code and year if there is one (the last one given wins, so pass them oldest first),
 * else the catalogue's default. Context indicators never have a target.
 */
export function targetInForce(
  def: Pick<IndicatorDefinition, 'code' | 'polarity' | 'target' | 'tolerance'>,
  financialYear: string,
  overrides: readonly TargetOverrideInput[],
): TargetInForce {
  if (def.polarity !== 'context') {
    for (let i = overrides.length - 1; i >= 0; i--) {
      const override = overrides[i];
      if (override.code === def.code && override.financialYear === financialYear) {
        return { target: override.target, tolerance: override.tolerance, source: 'override' };
      }
    }
  }
  return { target: def.target, tolerance: def.tolerance, source: 'catalogue' };
}
