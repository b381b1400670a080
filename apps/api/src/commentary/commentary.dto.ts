import { z } from 'zod';
import { indicatorCodeParam, periodParam } from '../scorecard/scorecard-query';

export const COMMENTARY_MAX_LENGTH = 1000;

export const commentaryKeySchema = z.object({
  code: indicatorCodeParam.describe('an indicator code such as FD02'),
  period: periodParam.describe('`2024-25 Q3` or `2024-25-Q3`'),
});
export type CommentaryKey = z.output<typeof commentaryKeySchema>;

export const commentaryListQuerySchema = z.strictObject({
  period: periodParam.describe('`2024-25 Q3` or `2024-25-Q3`'),
});

export const commentaryChangeSchema = z.strictObject({
  text: z
    .string({ message: 'Enter the commentary' })
    .trim()
    .max(COMMENTARY_MAX_LENGTH, {
      message: `The commentary must be ${COMMENTARY_MAX_LENGTH} characters or fewer`,
    }),
  version: z.number({ message: 'Send the version you last read (0 for a new commentary)' }).int().min(0),
});
export type CommentaryChangeBody = z.output<typeof commentaryChangeSchema>;
