import { formatDisplay, formatValue, type IndicatorDetail, type TrendPoint } from '@oscp/contracts';
import { lazy, Suspense } from 'react';
import { ChartFigure } from '../../../components/charts/ChartFigure';
import { formatNumber, formatTarget, regionLabel, unitLabels } from '../../../components/scorecard-format';
import { DataTable, type Column } from '../../../components/tables/DataTable';
import { DirectionTag } from '../../../components/tags/DirectionTag';
import { RagTag, SmallNumberNote } from '../../../components/tags/RagTag';
import { describeIndicatorTrend, trendRows, trendSeriesFor } from '../api/trend-rows';

// The chart library loads only when a chart is drawn, after the page's text and table.
const TrendLineChart = lazy(() =>
  import('../../../components/charts/TrendLineChart').then((m) => ({ default: m.TrendLineChart })),
);

export function IndicatorTrend({ detail }: { detail: IndicatorDetail }) {
  const { definition: d, trend } = detail;
  const first = trend[0]?.period;
  const last = trend[trend.length - 1]?.period;
  const comparator = (pick: (p: TrendPoint) => number | null | undefined) => (p: TrendPoint) =>
    formatValue(pick(p), d.unit);
  const columns: Column<TrendPoint>[] = [
    { key: 'period', header: 'Quarter', rowHeader: true, cell: (p) => p.period },
    // A count's numerator is its value: one column, not two saying the same.
    ...(d.unit === 'count'
      ? []
      : [
          {
            key: 'numerator',
            header: 'Numerator',
            numeric: true,
            cell: (p: TrendPoint) => formatNumber(p.numerator, 'count'),
          },
          {
            key: 'denominator',
            header: d.unit === 'percent' ? 'Denominator' : 'Population',
            numeric: true,
            cell: (p: TrendPoint) => formatNumber(p.denominator, 'count'),
          },
        ]),
    { key: 'value', header: 'Value', numeric: true, cell: (p) => formatDisplay(p.display, d.unit) },
    { key: 'target', header: 'Target', cell: (p) => formatTarget(p.target, d.polarity, d.unit) },
    {
      key: 'rag',
      header: 'RAG',
      cell: (p) => (
        <>
          <RagTag rag={p.rag} polarity={d.polarity} />
          <SmallNumberNote unit={d.unit} denominator={p.denominator} />
        </>
      ),
    },
    {
      key: 'direction',
      header: 'Direction of travel',
      cell: (p) => {
        const index = trend.indexOf(p);
        return (
          <DirectionTag
            direction={p.direction}
            polarity={d.polarity}
            value={p.value}
            previousValue={trend[index - 1]?.value ?? null}
            hasPreviousQuarter={index > 0 ? true : undefined}
          />
        );
      },
    },
    { key: 'year', header: 'Comparator year', cell: (p) => p.comparators?.year ?? '[x]' },
    { key: 'england', header: 'England', numeric: true, cell: comparator((p) => p.comparators?.england) },
    {
      key: 'region',
      header: regionLabel(detail.regionName),
      numeric: true,
      cell: comparator((p) => p.comparators?.region),
    },
    {
      key: 'neighbours',
      header: 'Statistical neighbours',
      numeric: true,
      cell: comparator((p) => p.comparators?.statNeighbours),
    },
  ];
  const valueFormatter = (v: number) => formatNumber(v, d.unit);

  return (
    <ChartFigure
      title={`${d.title}: trend`}
      subtitle={`${unitLabels[d.unit]}, ${first ?? ''} to ${last ?? ''}; the scale starts at 0`}
      source={`${d.source.join(', ') || 'partnership data'}; comparators from DfE, each drawn only at the quarters of its own financial year`}
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
          categories={trendSeriesFor(detail)}
          valueFormatter={valueFormatter}
        />
      </Suspense>
    </ChartFigure>
  );
}
