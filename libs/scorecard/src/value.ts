import type { Unit } from '@oscp/contracts';
import { divide, fromNumber, multiply, rational, type Rational } from './rational';

const SCALE: Record<Unit, bigint> = { count: 1n, percent: 100n, rate10k: 10_000n, rate100k: 100_000n };

/**
 * The exact value: count = numerator; percent = 100 × n / d; rate10k = 10,000 × n / population;
 * rate100k = 100,000 × n / population. Null when it cannot be computed (no numerator, or a
 * missing or zero denominator).
 */
export function exactValue(
  unit: Unit,
  numerator: number | null,
  denominator: number | null,
): Rational | null {
  if (numerator === null) return null;
  const n = fromNumber(numerator);
  if (unit === 'count') return n;
  if (denominator === null || denominator === 0) return null;
  return divide(multiply(rational(SCALE[unit]), n), fromNumber(denominator));
}

/** The value at full (float) precision, as stored and sent; see `exactValue` for the rules. */
export function computeValue(
  unit: Unit,
  numerator: number | null,
  denominator: number | null,
): number | null {
  if (numerator === null) return null;
  if (unit === 'count') return numerator;
  if (denominator === null || denominator === 0) return null;
  // scale × n is exact for whole counts, so one division gives the correctly rounded float.
  return (Number(SCALE[unit]) * numerator) / denominator;
}
