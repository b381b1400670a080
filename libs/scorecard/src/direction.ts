import type { Direction, IndicatorDefinition, Target } from '@oscp/contracts';
import { type ValueInput, toExact } from './exact-input';
import { abs, add, compare, divide, fromNumber, multiply, rational, subtract } from './rational';

/**
 * Direction of travel against the previous quarter, on unrounded values compared exactly.
 * A change smaller than the threshold (in absolute value) is `no_change`; a change of exactly
 * the threshold counts. A relative threshold ("5% of previous") is that share of |previous|, so
 * with a previous value of 0 any change counts. Then: higher/lower polarity → improving or
 * declining; a range → improving when the value moves toward the range's midpoint, declining
 * when away, `no_change` when exactly as far from it as before; context → up or down.
 * No value or no previous value → null.
 */
export function directionFor(
  def: Pick<IndicatorDefinition, 'unit' | 'polarity' | 'directionThreshold'> & { target?: Target },
  value: ValueInput,
  previous: ValueInput,
  target: Target = def.target ?? null,
): Direction | null {
  const current = toExact(def.unit, value);
  const before = toExact(def.unit, previous);
  if (current === null || before === null) return null;

  const change = subtract(current, before);
  if (change.num === 0n) return 'no_change';
  const threshold =
    def.directionThreshold.kind === 'absolute'
      ? fromNumber(def.directionThreshold.value)
      : multiply(fromNumber(def.directionThreshold.share), abs(before));
  if (compare(abs(change), threshold) < 0) return 'no_change';

  const rising = change.num > 0n;
  switch (def.polarity) {
    case 'context':
      return rising ? 'up' : 'down';
    case 'higher':
      return rising ? 'improving' : 'declining';
    case 'lower':
      return rising ? 'declining' : 'improving';
    case 'range': {
      if (target === null || typeof target === 'number') return null;
      const mid = divide(add(fromNumber(target.low), fromNumber(target.high)), rational(2n));
      const order = compare(abs(subtract(current, mid)), abs(subtract(before, mid)));
      return order < 0 ? 'improving' : order > 0 ? 'declining' : 'no_change';
    }
  }
}
