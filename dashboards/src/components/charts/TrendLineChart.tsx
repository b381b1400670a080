import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';

export interface TrendSeries {
  /** The field of each data row holding this line's values. */
  key: string;
  /** Printed at the end of the line (direct label) and in the legend. */
  name: string;
  color: string;
  /** SVG dash pattern, so lines differ by style as well as colour. */
  dash?: string;
  width: number;
  dots?: boolean;
}

export type TrendRow = Record<string, string | number | null>;

export interface TrendLineChartProps {
  data: TrendRow[];
  /** The field naming each row on the x axis (the period). */
  index: string;
  categories: TrendSeries[];
  valueFormatter: (value: number) => string;
  height?: number;
}

// Room on the right for direct labels such as "Stat. neighbours 2024-25"; on a phone the legend names the lines.
const margin = { top: 16, right: 200, bottom: 8, left: 8 };
const narrowMargin = { top: 16, right: 16, bottom: 8, left: 8 };

function isNarrowScreen(): boolean {
  return typeof window !== 'undefined' && !!window.matchMedia?.('(max-width: 40.0525em)').matches;
}
const xAxisHeight = 30;
const labelGap = 15;

/** A step of 1, 2 or 5 times a power of ten giving about `ticks` intervals. */
function niceStep(span: number, ticks: number): number {
  const raw = span / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const multiple = [1, 2, 5, 10].find((m) => m * power >= raw) ?? 10;
  return multiple * power;
}

/**
 * A y domain on round numbers with its ticks. Counts, percentages and rates are never negative,
 * and the axis starts at 0: a cut axis makes a 6% rise look like a cliff.
 */
export function domainOf(values: number[]): { domain: [number, number]; ticks: number[] } {
  if (values.length === 0) return { domain: [0, 1], ticks: [0, 1] };
  let min = Math.min(...values);
  const max = Math.max(...values);
  if (min >= 0) min = 0;
  const step = niceStep(max === min ? Math.abs(max) || 1 : max - min, 5);
  // A line lying on the frame is hard to see: leave a step of room unless the edge is 0.
  let low = Math.floor(min / step) * step;
  if (low === min && min !== 0) low -= step;
  let high = Math.ceil(max / step) * step;
  if (high === max) high += step;
  if (high === low) high = low + step;
  const ticks: number[] = [];
  for (let t = low; t <= high + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { domain: [low, high], ticks };
}

function lastIndexOf(data: TrendRow[], key: string): number {
  for (let i = data.length - 1; i >= 0; i -= 1) {
    if (typeof data[i]?.[key] === 'number') return i;
  }
  return -1;
}

/**
 * Direct labels sit at the end of each line; where two lines end close together the labels are
 * pushed apart (estimated in pixels from the chart height and the y domain).
 */
function labelOffsets(data: TrendRow[], series: TrendSeries[], domain: [number, number], height: number) {
  const plotHeight = height - margin.top - margin.bottom - xAxisHeight;
  const ends = series
    .map((s) => {
      const i = lastIndexOf(data, s.key);
      const v = data[i]?.[s.key];
      if (typeof v !== 'number') return null;
      return { key: s.key, y: margin.top + ((domain[1] - v) / (domain[1] - domain[0])) * plotHeight };
    })
    .filter((e): e is { key: string; y: number } => e !== null)
    .sort((a, b) => a.y - b.y);
  const offsets = new Map<string, number>();
  let previous = -Infinity;
  for (const end of ends) {
    const placed = Math.max(end.y, previous + labelGap);
    offsets.set(end.key, placed - end.y);
    previous = placed;
  }
  return offsets;
}

function endLabel(series: TrendSeries, lastIndex: number, dy: number) {
  return function EndLabel(props: unknown) {
    if (typeof props !== 'object' || props === null) return null;
    const { x, y, index } = props as { x?: unknown; y?: unknown; index?: unknown };
    if (index !== lastIndex || typeof x !== 'number' || typeof y !== 'number') return null;
    return (
      <text x={x + 8} y={y + dy} dy="0.35em" fill={series.color} fontSize={14} fontWeight={700}>
        {series.name}
      </text>
    );
  };
}

/** Lines over quarters with direct labels; pair it with a table (ChartFigure) for the numbers. */
export function TrendLineChart({
  data,
  index,
  categories,
  valueFormatter,
  height = 320,
}: TrendLineChartProps) {
  const values = data.flatMap((row) =>
    categories.map((c) => row[c.key]).filter((v): v is number => typeof v === 'number'),
  );
  const { domain, ticks } = domainOf(values);
  const offsets = labelOffsets(data, categories, domain, height);
  const visible = categories.filter((c) => lastIndexOf(data, c.key) >= 0);
  const narrow = isNarrowScreen();
  return (
    <LineChart
      data={data}
      height={height}
      style={{ width: '100%', height }}
      responsive
      margin={narrow ? narrowMargin : margin}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke="#dddddd" vertical={false} />
      <XAxis dataKey={index} height={xAxisHeight} tick={{ fill: '#0b0c0c', fontSize: 13 }} />
      <YAxis
        domain={domain}
        ticks={ticks}
        tickFormatter={(v: number) => valueFormatter(v)}
        tick={{ fill: '#0b0c0c', fontSize: 13 }}
        width={56}
      />
      <Tooltip formatter={(v: unknown) => (typeof v === 'number' ? valueFormatter(v) : '[x]')} />
      <Legend wrapperStyle={{ color: '#0b0c0c' }} />
      {visible.map((s) => (
        <Line
          key={s.key}
          dataKey={s.key}
          name={s.name}
          stroke={s.color}
          strokeWidth={s.width}
          strokeDasharray={s.dash}
          dot={s.dots ? { r: 3, fill: s.color } : false}
          isAnimationActive={false}
          connectNulls={false}
          label={narrow ? false : endLabel(s, lastIndexOf(data, s.key), offsets.get(s.key) ?? 0)}
        />
      ))}
    </LineChart>
  );
}
