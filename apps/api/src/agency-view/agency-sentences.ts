import type { AgencyBreakdownRow, ScorecardIndicator } from '@oscp/contracts';

/**
 * Sentences in words comparing an agency's quarter with the one before, e.g. "Police attended
 * 88.0% of the conferences they were invited to (44 of 50), down from 93.0%." Figures are the
 * API's `display` strings, so rounding follows the scorecard's rule.
 */

function change(row: {
  value: number | null;
  previousValue: number | null;
  previousDisplay: string | null;
}): string {
  if (row.value === null) return '';
  if (row.previousValue === null || row.previousDisplay === null)
    return ', with no figure for the quarter before';
  if (row.value > row.previousValue) return `, up from ${row.previousDisplay}`;
  if (row.value < row.previousValue) return `, down from ${row.previousDisplay}`;
  return ', the same as the quarter before';
}

const withPercent = (display: string): string => (/^-?\d/.test(display) ? `${display}%` : display);

export function contributionSentence(agencyName: string, row: AgencyBreakdownRow): string {
  const prev = {
    ...row,
    previousDisplay: row.previousDisplay === null ? null : withPercent(row.previousDisplay),
  };
  const counts = `(${row.numerator.toLocaleString('en-GB')} of ${row.denominator.toLocaleString('en-GB')})`;
  const value = withPercent(row.display);
  switch (row.indicatorCode) {
    case 'CP08':
      return `${agencyName} attended ${value} of the conferences they were invited to ${counts}${change(prev)}.`;
    case 'CP07':
      return `${agencyName} sent ${value} of their conference reports on time, when they attended ${counts}${change(prev)}.`;
    case 'FD06':
      return `${value} of referrals came from ${row.key.toLowerCase() === 'police' ? 'the police' : row.key.toLowerCase()} ${counts}${change(prev)}.`;
    default:
      return `${row.indicatorTitle}: ${value} ${counts}${change(prev)}.`;
  }
}

export function ownedSentence(indicator: ScorecardIndicator, previousDisplay: string | null): string {
  const unit = indicator.unit === 'percent' ? '%' : '';
  const shown = (display: string): string => (/^-?\d/.test(display) ? `${display}${unit}` : display);
  if (indicator.value === null) return `${indicator.title}: no figure this quarter (${indicator.display}).`;
  const before =
    indicator.previousValue === null || previousDisplay === null
      ? ', with no figure for the quarter before'
      : indicator.value > indicator.previousValue
        ? `, up from ${shown(previousDisplay)}`
        : indicator.value < indicator.previousValue
          ? `, down from ${shown(previousDisplay)}`
          : ', the same as the quarter before';
  return `${indicator.title}: ${shown(indicator.display)}${before}.`;
}
