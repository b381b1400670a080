import type { IndicatorDetail, Target, TrendPoint, Unit } from '@oscp/contracts';
import type { TrendRow, TrendSeries } from '../../../components/charts/TrendLineChart';
import { describeTrend } from '../../../components/charts/Sparkline';
import { formatNumber, formatTarget, regionLabel, unitSuffix } from '../../../components/scorecard-format';

function targetParts(target: Target): {
  target: number | null;
  targetLow: number | null;
  targetHigh: number | null;
} {
  if (target === null) return { target: null, targetLow: null, targetHigh: null };
  if (typeof target === 'number') return { target, targetLow: null, targetHigh: null };
  return { target: null, targetLow: target.low, targetHigh: target.high };
}

/** True when the comparators belong to the quarter's own financial year (`2024-25` for `2024-25 Q3`). */
export function comparatorsOwnYear(point: TrendPoint): boolean {
  return point.comparators !== null && point.period.startsWith(`${point.comparators.year} `);
}

/**
 * One row per quarter: the local value, the target (or range) and the annual comparators, drawn
 * only at the quarters of the year they belong to (a 2024-25 figure is not carried across 2026-27).
 */
export function trendRows(detail: IndicatorDetail): TrendRow[] {
  return detail.trend.map((point) => {
    const own = comparatorsOwnYear(point) ? point.comparators : null;
    return {
      period: point.period,
      value: point.value,
      ...targetParts(point.target),
      england: own?.england ?? null,
      region: own?.region ?? null,
      statNeighbours: own?.statNeighbours ?? null,
    };
  });
}

/**
 * Line styles differ by dash and width as well as colour (never colour alone). The region's line
 * is named after the snapshot's region (`regionLabel`).
 */
const trendSeries: TrendSeries[] = [
  { key: 'value', name: 'Local value', color: '#0b0c0c', width: 3, dots: true },
  { key: 'target', name: 'Target', color: '#00703c', width: 2, dash: '8 4' },
  { key: 'targetHigh', name: 'Target (top)', color: '#00703c', width: 2, dash: '8 4' },
  { key: 'targetLow', name: 'Target (bottom)', color: '#00703c', width: 2, dash: '8 4' },
  { key: 'england', name: 'England', color: '#1d70b8', width: 2, dash: '2 3' },
  { key: 'region', name: 'Region', color: '#912b88', width: 2, dash: '10 3 2 3' },
  { key: 'statNeighbours', name: 'Stat. neighbours', color: '#505a5f', width: 2, dash: '14 4' },
];

/** The series, with each comparator labelled by the year of the latest value drawn ("England 2024-25"). */
export function trendSeriesFor(detail: IndicatorDetail): TrendSeries[] {
  const latestYear = [...detail.trend].reverse().find(comparatorsOwnYear)?.comparators?.year;
  const comparatorKeys = new Set(['england', 'region', 'statNeighbours']);
  return trendSeries.map((series) => {
    const name = series.key === 'region' ? regionLabel(detail.regionName) : series.name;
    return { ...series, name: latestYear && comparatorKeys.has(series.key) ? `${name} ${latestYear}` : name };
  });
}

export function describeIndicatorTrend(detail: IndicatorDetail): string {
  const unit: Unit = detail.definition.unit;
  const fmt = (v: number | null) => (v === null ? '[x]' : `${formatNumber(v, unit)}${unitSuffix(unit)}`);
  const parts = [
    `${detail.definition.title}, ${detail.trend.length} quarters: ${describeTrend(detail.trend, unit)}`,
  ];
  const current = detail.current;
  if (current.target !== null) {
    parts.push(`Target ${formatTarget(current.target, current.polarity, unit)}.`);
  }
  if (current.comparators) {
    const c = current.comparators;
    parts.push(
      `Comparators for ${c.year}: England ${fmt(c.england)}, ${regionLabel(detail.regionName)} ${fmt(c.region)}, statistical neighbours ${fmt(c.statNeighbours)}.`,
    );
  }
  return parts.join(' ');
}
