import type { Unit } from '@oscp/contracts';
import { formatNumber, unitSuffix } from '../scorecard-format';

export interface SparklinePoint {
  period: string;
  value: number | null;
}

export interface SparklineProps {
  points: SparklinePoint[];
  unit: Unit;
  /** The indicator's name, for the text alternative. */
  title: string;
  width?: number;
  height?: number;
}

/** Words for a trend: first and latest value, lowest and highest. Also the sparkline's text alternative. */
export function describeTrend(points: SparklinePoint[], unit: Unit): string {
  const known = points.filter((p): p is { period: string; value: number } => p.value !== null);
  const first = known[0];
  const last = known[known.length - 1];
  if (!first || !last) return 'No trend: no values in these quarters.';
  const fmt = (v: number) => `${formatNumber(v, unit)}${unitSuffix(unit)}`;
  if (known.length === 1) return `Only one value: ${fmt(first.value)} in ${first.period}.`;
  const values = known.map((p) => p.value);
  const missing = points.length - known.length;
  return (
    `${fmt(first.value)} in ${first.period} to ${fmt(last.value)} in ${last.period}; ` +
    `lowest ${fmt(Math.min(...values))}, highest ${fmt(Math.max(...values))}` +
    (missing === 0 ? '.' : `; ${missing} ${missing === 1 ? 'quarter' : 'quarters'} without a value.`)
  );
}

/**
 * A small inline SVG line of up to 8 quarters (no chart library, so the overview stays light).
 * Gaps where a quarter has no value; the latest point is marked.
 */
export function Sparkline({ points, unit, title, width = 96, height = 28 }: SparklineProps) {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const label = `Trend of ${title}: ${describeTrend(points, unit)}`;
  if (values.length === 0) {
    return (
      <span className="app-muted" role="img" aria-label={label}>
        [x]
      </span>
    );
  }
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = 3;
  const x = (i: number) => pad + (points.length <= 1 ? 0 : (i * (width - 2 * pad)) / (points.length - 1));
  const y = (v: number) => (max === min ? height / 2 : pad + ((max - v) * (height - 2 * pad)) / (max - min));

  // Split into runs of consecutive known values so a missing quarter shows as a gap, not a fake line.
  const runs: string[] = [];
  let current: string[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length) runs.push(current.join(' '));
      current = [];
    } else {
      current.push(`${x(i).toFixed(1)},${y(p.value).toFixed(1)}`);
    }
  });
  if (current.length) runs.push(current.join(' '));

  let lastIndex = -1;
  points.forEach((p, i) => {
    if (p.value !== null) lastIndex = i;
  });
  const lastValue = points[lastIndex]?.value ?? null;

  return (
    <svg
      className="app-sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      focusable="false"
    >
      {runs.map((run) =>
        run.includes(' ') ? (
          <polyline key={run} points={run} fill="none" stroke="currentColor" strokeWidth={1.5} />
        ) : null,
      )}
      {points.map((p, i) =>
        p.value !== null && i !== lastIndex ? (
          <circle key={p.period} cx={x(i)} cy={y(p.value)} r={1.2} fill="currentColor" />
        ) : null,
      )}
      {lastValue !== null ? <circle cx={x(lastIndex)} cy={y(lastValue)} r={2.6} fill="currentColor" /> : null}
    </svg>
  );
}
