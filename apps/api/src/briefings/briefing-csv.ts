import { stringify } from 'csv-stringify/sync';
import { safeCsvCell } from '../security/csv-safety';
import type { BriefingPack } from './briefing-pack';
import { BRIEFING_COLUMNS, indicatorsInThemeOrder } from './briefing-table';

/** The pack's scorecard as CSV: plain-English headers, full-precision numbers, formula-safe text. */
export function briefingCsv(pack: BriefingPack): string {
  const header = BRIEFING_COLUMNS.map((column) => column.header);
  const rows = indicatorsInThemeOrder(pack).map((indicator) =>
    BRIEFING_COLUMNS.map((column) => {
      const safe = safeCsvCell(column.value(indicator, pack));
      return safe === null ? '' : String(safe);
    }),
  );
  return stringify([header, ...rows], { record_delimiter: '\r\n' });
}
