import type { Scorecard, SnapshotSummary } from '@oscp/contracts';
import { formatDate, formatDateAtTime } from '../../../components/scorecard-format';
import { snapshotName } from '../../../components/SnapshotNotice';

/**
 * The running header of every printed sheet of the overview: the quarter, which published
 * scorecard it is, and for a signed-off quarter who signed it off and when (and whether the sheet
 * carries the latest figures instead of the signed-off ones).
 */
export function overviewPrintHeader(
  card: Pick<Scorecard, 'period' | 'generatedAt' | 'signOffState'>,
  summary: Pick<SnapshotSummary, 'publishedAt' | 'createdAt' | 'runNumber'> | null,
): string {
  const version = summary ? snapshotName(summary) : `built ${formatDateAtTime(card.generatedAt)}`;
  const state = card.signOffState;
  const signOff = state
    ? ` · Signed off ${formatDate(state.signOff.signedOffAt)} by ${state.signOff.signedOffBy}${
        state.figures === 'latest' ? ' (latest figures shown, not the signed-off ones)' : ''
      }`
    : '';
  return `OSCP partnership scorecard · ${card.period} · ${version}${signOff}`;
}
