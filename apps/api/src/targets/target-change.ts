import { BadRequestException } from '@nestjs/common';
import { financialYearStartYear } from '@oscp/calendar';
import type { ApiError, IndicatorDefinition, TargetChange } from '@oscp/contracts';
import { z } from 'zod';

/** The body of a target change, before it is checked against the indicator's polarity. */
export const targetChangeBody = z
  .object({
    target: z.union([
      z.number({ message: 'must be a number, or { low, high } for a range indicator' }).finite(),
      z
        .object({ low: z.number().finite(), high: z.number().finite() })
        .strict()
        .refine((range) => range.low <= range.high, {
          message: 'low must not be greater than high',
          path: ['low'],
        }),
    ]),
    tolerance: z
      .number({ message: 'must be a number' })
      .finite()
      .nonnegative({ message: 'must be 0 or more' }),
    reason: z
      .string({ message: 'must say why the target changes' })
      .trim()
      .min(1, { message: 'must say why the target changes' })
      .max(1000, { message: 'must be at most 1000 characters' }),
  })
  .strict();

export const financialYearParam = z.string().refine(
  (value) => {
    try {
      financialYearStartYear(value);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be a financial year such as 2024-25' },
);

function fieldError(field: string, message: string): BadRequestException {
  const body: ApiError = {
    statusCode: 400,
    message: 'The target cannot be set.',
    fields: [{ field, message }],
  };
  return new BadRequestException(body);
}

/**
 * Checks a change against the indicator: context indicators have no target; a range target
 * only for range indicators, a single number for the others; percentages stay within 0-100.
 */
export function checkTargetChange(definition: IndicatorDefinition, change: TargetChange): TargetChange {
  if (definition.polarity === 'context') {
    throw fieldError('target', `${definition.code} is a context indicator: it has no target.`);
  }
  const isRange = typeof change.target === 'object';
  if (definition.polarity === 'range' && !isRange) {
    throw fieldError('target', `${definition.code} has a range target: send { low, high }.`);
  }
  if (definition.polarity !== 'range' && isRange) {
    throw fieldError('target', `${definition.code} is not a range indicator: send a single number.`);
  }
  if (definition.unit === 'percent') {
    const values =
      typeof change.target === 'number' ? [change.target] : [change.target.low, change.target.high];
    if (values.some((value) => value < 0 || value > 100)) {
      throw fieldError('target', `${definition.code} is a percentage: the target must be between 0 and 100.`);
    }
  }
  return change;
}
