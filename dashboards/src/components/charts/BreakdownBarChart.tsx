import type { Target } from '@oscp/contracts';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ReferenceArea,
  ReferenceLine,
  XAxis,
  YAxis,
} from 'recharts';

export interface BreakdownBarChartProps {
  data: { label: string; value: number | null }[];
  valueFormatter: (value: number) => string;
  /** The indicator's target, drawn across the bars so each agency can be read against it. */
  target?: Target;
}

const targetColour = '#00703c';

/** Horizontal bars from 0, one per group, each labelled with its value, with the target line. */
export function BreakdownBarChart({ data, valueFormatter, target = null }: BreakdownBarChartProps) {
  // Groups without a value are left out of the picture; the table beside it lists them as [x].
  const rows = data.filter((d): d is { label: string; value: number } => d.value !== null);
  const height = 70 + rows.length * 36;
  const targetHigh = target === null ? 0 : typeof target === 'number' ? target : target.high;
  const top = Math.max(targetHigh, ...rows.map((r) => r.value));
  return (
    <BarChart
      data={rows}
      layout="vertical"
      height={height}
      style={{ width: '100%', height }}
      responsive
      margin={{ top: 28, right: 64, bottom: 8, left: 8 }}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke="#dddddd" horizontal={false} />
      <XAxis
        type="number"
        domain={[0, top > 0 ? 'auto' : 1]}
        tickFormatter={(v: number) => valueFormatter(v)}
        tick={{ fill: '#0b0c0c', fontSize: 13 }}
      />
      <YAxis type="category" dataKey="label" width={170} tick={{ fill: '#0b0c0c', fontSize: 13 }} />
      <Bar dataKey="value" fill="#1d70b8" isAnimationActive={false}>
        <LabelList
          dataKey="value"
          position="right"
          fill="#0b0c0c"
          fontSize={13}
          formatter={(v: unknown) => (typeof v === 'number' ? valueFormatter(v) : '')}
        />
      </Bar>
      {typeof target === 'number' ? (
        <ReferenceLine
          x={target}
          stroke={targetColour}
          strokeWidth={2}
          strokeDasharray="8 4"
          label={{
            value: `Target ${valueFormatter(target)}`,
            position: 'top',
            fill: targetColour,
            fontSize: 13,
          }}
        />
      ) : null}
      {target !== null && typeof target === 'object' ? (
        <ReferenceArea
          x1={target.low}
          x2={target.high}
          fill={targetColour}
          fillOpacity={0.12}
          stroke={targetColour}
          strokeDasharray="8 4"
          label={{
            value: `Target ${valueFormatter(target.low)} to ${valueFormatter(target.high)}`,
            position: 'top',
            fill: targetColour,
            fontSize: 13,
          }}
        />
      ) : null}
    </BarChart>
  );
}
