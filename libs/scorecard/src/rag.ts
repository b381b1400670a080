import type { IndicatorDefinition, Rag, Target } from '@oscp/contracts';
import { type ValueInput, toExact } from './exact-input';
import { add, compare, fromNumber, subtract } from './rational';

/**
 * Red / amber / green against the target in force, compared exactly on the unrounded value:
 * - higher is better: green `>= target`, amber `>= target - tolerance`, else red;
 * - lower is better: green `<= target`, amber `<= target + tolerance`, else red;
 * - range: green inside `[low, high]`, amber within `tolerance` outside it, else red.
 * Context indicators, missing values and targets that do not fit the polarity have no RAG.
 */
export function ragFor(
  def: Pick<IndicatorDefinition, 'unit' | 'polarity'>,
  target: Target,
  tolerance: number | null,
  measure: ValueInput,
): Rag | null {
  if (def.polarity === 'context' || target === null) return null;
  const value = toExact(def.unit, measure);
  if (value === null) return null;
  const tol = fromNumber(tolerance ?? 0);

  if (def.polarity === 'range') {
    if (typeof target === 'number') return null;
    const low = fromNumber(target.low);
    const high = fromNumber(target.high);
    if (compare(value, low) >= 0 && compare(value, high) <= 0) return 'green';
    if (compare(value, subtract(low, tol)) >= 0 && compare(value, add(high, tol)) <= 0) return 'amber';
    return 'red';
  }
  if (typeof target !== 'number') return null;
  const goal = fromNumber(target);
  if (def.polarity === 'higher') {
    if (compare(value, goal) >= 0) return 'green';
    return compare(value, subtract(goal, tol)) >= 0 ? 'amber' : 'red';
  }
  if (compare(value, goal) <= 0) return 'green';
  return compare(value, add(goal, tol)) <= 0 ? 'amber' : 'red';
}
