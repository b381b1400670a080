import type { Unit } from '@oscp/contracts';
import type { Rational } from './rational';
import { fromNumber } from './rational';
import { exactValue } from './value';

/** A value with the counts it came from, so rules can decide boundaries exactly. */
export interface CountedValue {
  numerator: number | null;
  denominator: number | null;
  /** When given, anything but `ok` means there is no value. */
  status?: string;
}

/**
 * What the rules accept as a value: the counts (best: decided exactly), an exact `Rational`,
 * or a plain number (taken as written in decimal), or null for no value.
 */
export type ValueInput = CountedValue | Rational | number | null | undefined;

export function isRational(value: unknown): value is Rational {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { num?: unknown }).num === 'bigint' &&
    typeof (value as { den?: unknown }).den === 'bigint'
  );
}

export function toExact(unit: Unit, value: ValueInput): Rational | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? fromNumber(value) : null;
  if (isRational(value)) return value;
  if (value.status !== undefined && value.status !== 'ok') return null;
  return exactValue(unit, value.numerator, value.denominator);
}
