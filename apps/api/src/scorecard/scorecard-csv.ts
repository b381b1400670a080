import { stringify } from 'csv-stringify/sync';
import type { Scorecard } from '@oscp/contracts';
import { safeCsvCell } from '../security/csv-safety';
import { SCORECARD_COLUMNS, scorecardRows } from './scorecard-columns';

/** The scorecard as CSV: a header row and one row per indicator, every text cell formula-safe. */
export function scorecardCsv(scorecard: Scorecard): string {
  const header = SCORECARD_COLUMNS.map((column) => column.name);
  const rows = scorecardRows(scorecard).map((row) =>
    row.map((cell) => {
      const safe = safeCsvCell(cell);
      if (safe === null) return '';
      if (safe instanceof Date) return safe.toISOString();
      // Full precision, so a CSV reader gets the same figure as the JSON.
      return typeof safe === 'string' ? safe : String(safe);
    }),
  );
  return stringify([header, ...rows], { record_delimiter: '\r\n' });
}
