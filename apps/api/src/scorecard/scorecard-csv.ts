import { stringify } from 'csv-stringify/sync';
import type { Scorecard } from '@oscp/contracts';
import { safeCsvCell } from '../security/csv-safety';
import {
  COMMENTARY_HEADER,
  exportedCommentary,
  SCORECARD_COLUMNS,
  type CommentaryByCode,
} from './scorecard-columns';

/**
 * The scorecard as CSV: plain-English headings and one row per indicator, with the quarter's
 * commentary (internal views only); every text cell formula-safe.
 */
export function scorecardCsv(scorecard: Scorecard, commentary: CommentaryByCode = new Map()): string {
  const header = [...SCORECARD_COLUMNS.map((column) => column.header), COMMENTARY_HEADER];
  const rows = scorecard.indicators.map((indicator) =>
    [
      ...SCORECARD_COLUMNS.map((column) => column.value(indicator, scorecard)),
      exportedCommentary(scorecard, indicator, commentary),
    ].map((cell) => {
      const safe = safeCsvCell(cell);
      if (safe === null) return '';
      if (safe instanceof Date) return safe.toISOString();
      // Full precision, so a CSV reader gets the same figure as the JSON.
      return typeof safe === 'string' ? safe : String(safe);
    }),
  );
  return stringify([header, ...rows], { record_delimiter: '\r\n' });
}
