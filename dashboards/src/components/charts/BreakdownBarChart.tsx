import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from 'recharts';

export interface BreakdownBarChartProps {
  data: { label: string; value: number | null }[];
  valueFormatter: (value: number) => string;
}

/** Horizontal bars, one per group, each labelled with its value (no colour coding). */
export function BreakdownBarChart({ data, valueFormatter }: BreakdownBarChartProps) {
  // Groups without a value are left out of the picture; the table beside it lists them as [x].
  const rows = data.filter((d): d is { label: string; value: number } => d.value !== null);
  const height = 40 + rows.length * 36;
  return (
    <BarChart
      data={rows}
      layout="vertical"
      height={height}
      style={{ width: '100%', height }}
      responsive
      margin={{ top: 8, right: 64, bottom: 8, left: 8 }}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke="#dddddd" horizontal={false} />
      <XAxis
        type="number"
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
    </BarChart>
  );
}
