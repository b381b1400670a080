import type { Unit, ValueStatus } from '@oscp/contracts';
import { type Rational, toRational } from './rational';
import { exactValue } from './value';

/** Statistical symbols (GSS): not available, not applicable, confidential. */
export const NO_DATA = '[x]';
export const NOT_APPLICABLE = '[z]';
export const SUPPRESSED = '[c]';

/** Rounds |value| × 10^places half up, i.e. half away from zero once the sign is put back. */
function roundedDigits(value: Rational, places: number): { negative: boolean; digits: bigint } {
  const scale = 10n ** BigInt(places);
  const magnitude = value.num < 0n ? -value.num : value.num;
  // floor((2 × |n| × scale + den) / (2 × den)) = floor(|n| × scale / den + 1/2).
  const digits = (2n * magnitude * scale + value.den) / (2n * value.den);
  return { negative: value.num < 0n && digits !== 0n, digits };
}

/**
 * The value rounded half away from zero to 1 decimal place, written with exactly one decimal:
 * 409/2000 × 100 = 20.45 gives `20.5` (where `(20.45).toFixed(1)` gives `20.4`). A number is
 * taken as written in decimal (`20.45` is exactly 20.45); pass a `Rational` for computed values.
 */
export function formatOneDecimal(value: Rational | number): string {
  const { negative, digits } = roundedDigits(toRational(value), 1);
  return `${negative ? '-' : ''}${digits / 10n}.${digits % 10n}`;
}

/** As `formatOneDecimal`, as a number (20.5). */
export function roundHalfAwayFromZero1dp(value: Rational | number): number {
  return Number(formatOneDecimal(value));
}

/** Whole numbers for counts, rounded half away from zero. */
export function formatInteger(value: Rational | number): string {
  const { negative, digits } = roundedDigits(toRational(value), 0);
  return `${negative ? '-' : ''}${digits}`;
}

/** The symbol shown for a status without a number, or null for `ok`. */
export function symbolFor(status: ValueStatus): string | null {
  switch (status) {
    case 'ok':
      return null;
    case 'no_data':
    case 'awaited':
      return NO_DATA;
    case 'not_applicable':
      return NOT_APPLICABLE;
    case 'suppressed':
      return SUPPRESSED;
  }
}

/**
 * The `display` string of an indicator value, computed exactly from its numerator and
 * denominator: counts as integers (`2043`), percentages and rates to 1 dp (`20.5`, `1069.1`);
 * `[x]` no data or an awaited return, `[z]` not applicable, `[c]` suppressed. Without a status,
 * `[x]` when there is no numerator and `[z]` when a percentage has a zero denominator.
 */
export function formatDisplay(
  unit: Unit,
  numerator: number | null,
  denominator: number | null,
  status?: ValueStatus,
): string {
  if (status !== undefined && status !== 'ok') return symbolFor(status) ?? NO_DATA;
  if (numerator === null) return NO_DATA;
  if (unit === 'percent' && denominator === 0) return NOT_APPLICABLE;
  const exact = exactValue(unit, numerator, denominator);
  if (exact === null) return NO_DATA;
  return unit === 'count' ? formatInteger(exact) : formatOneDecimal(exact);
}
