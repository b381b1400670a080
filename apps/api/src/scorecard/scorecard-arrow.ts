import { Bool, Float64, Table, Utf8, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import type { Scorecard } from '@oscp/contracts';
import { SCORECARD_COLUMNS } from './scorecard-columns';

export { ARROW_STREAM_CONTENT_TYPE } from './scorecard-columns';

/** The scorecard as an Arrow table, one row per indicator, columns typed explicitly (never inferred). */
export function scorecardArrowTable(scorecard: Scorecard): Table {
  const vectors: Record<string, Vector> = {};
  for (const column of SCORECARD_COLUMNS) {
    const cells = scorecard.indicators.map((indicator) => column.value(indicator, scorecard));
    if (column.kind === 'number') {
      vectors[column.name] = vectorFromArray(
        cells.map((cell) => (typeof cell === 'number' ? cell : null)),
        new Float64(),
      );
    } else if (column.kind === 'boolean') {
      vectors[column.name] = vectorFromArray(
        cells.map((cell) => (typeof cell === 'boolean' ? cell : null)),
        new Bool(),
      );
    } else {
      vectors[column.name] = vectorFromArray(
        cells.map((cell) => (cell === null ? null : String(cell))),
        new Utf8(),
      );
    }
  }
  const table = new Table(vectors);
  // Scorecard-level facts travel as schema metadata so a reader knows what it is holding.
  table.schema.metadata.set('snapshot_id', scorecard.snapshotId);
  table.schema.metadata.set('generated_at', scorecard.generatedAt);
  table.schema.metadata.set('run_date', scorecard.runDate);
  table.schema.metadata.set('published_view', String(scorecard.publishedView));
  return table;
}

/** Arrow IPC stream bytes of the scorecard. */
export function scorecardArrowIpc(scorecard: Scorecard): Uint8Array {
  return tableToIPC(scorecardArrowTable(scorecard), 'stream');
}
