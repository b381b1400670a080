import type { IndicatorDetail, TrendPoint } from '@oscp/contracts';
import { lazy, Suspense } from 'react';
import { ChartFigure } from '../../../components/charts/ChartFigure';
import { formatNumber, formatTarget, unitLabels } from '../../../components/scorecard-format';
import { DataTable, type Column } from '../../../components/tables/DataTable';
import { DirectionTag } from '../../../components/tags/DirectionTag';
import { RagTag } from '../../../components/tags/RagTag';
import { describeIndicatorTrend, trendRows, trendSeries } from '../api/trend-rows';

// The chart library loads only when a chart is drawn, after the page's text and table.
const TrendLineChart = lazy(() =>
  import('../../../components/charts/TrendLineChart').then((m) => ({ default: m.TrendLineChart })),
);

export function IndicatorTrend({ detail }: { detail: IndicatorDetail }) {
  const { definition: d, trend } = detail;
  const first = trend[0]?.period;
  const last = trend[trend.length - 1]?.period;
  const columns: Column<TrendPoint>[] = [
    { key: 'period', header: 'Quarter', rowHeader: true, cell: (p) => p.period },
    { key: 'numerator', header: 'Numerator', numeric: true, cell: (p) => formatNumber(p.numerator, 'count') },
    ...(d.denominatorDefinition
      ? [
          {
            key: 'denominator',
            header: 'Denominator',
            numeric: true,
            cell: (p: TrendPoint) => formatNumber(p.denominator, 'count'),
          },
        ]
      : []),
    { key: 'value', header: 'Value', numeric: true, cell: (p) => p.display },
    { key: 'target', header: 'Target', cell: (p) => formatTarget(p.target, d.polarity, d.unit) },
    { key: 'rag', header: 'RAG', cell: (p) => <RagTag rag={p.rag} polarity={d.polarity} /> },
    {
      key: 'direction',
      header: 'Direction of travel',
      cell: (p) => (
        <DirectionTag
          direction={p.direction}
          value={p.value}
          previousValue={trend[trend.indexOf(p) - 1]?.value ?? null}
        />
      ),
    },
    {
      key: 'england',
      header: 'England',
      numeric: true,
      cell: (p) => formatNumber(p.comparators?.england, d.unit),
    },
    {
      key: 'region',
      header: 'North West',
      numeric: true,
      cell: (p) => formatNumber(p.comparators?.region, d.unit),
    },
    {
      key: 'neighbours',
      header: 'Statistical neighbours',
      numeric: true,
      cell: (p) => formatNumber(p.comparators?.statNeighbours, d.unit),
    },
  ];
  const valueFormatter = (v: number) => formatNumber(v, d.unit);

  return (
    <ChartFigure
      title={`${d.title}: trend`}
      subtitle={`${unitLabels[d.unit]}, ${first ?? ''} to ${last ?? ''}`}
      source={`${d.source.join(', ') || 'partnership data'}; comparators from DfE (annual, financial year)`}
      summary={describeIndicatorTrend(detail)}
      table={
        <DataTable
          caption={`${d.title}, by quarter`}
          captionSize="s"
          columns={columns}
          rows={trend}
          rowKey={(p) => p.period}
        />
      }
    >
      <Suspense fallback={<p className="govuk-body-s app-chart__loading">Loading chart…</p>}>
        <TrendLineChart
          data={trendRows(detail)}
          index="period"
          categories={trendSeries}
          valueFormatter={valueFormatter}
        />
      </Suspense>
    </ChartFigure>
  );
}
