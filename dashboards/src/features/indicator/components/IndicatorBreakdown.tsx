import {
  isSmallNumber,
  SMALL_NUMBER_WORDS,
  type BreakdownEntry,
  type IndicatorDetail,
} from '@oscp/contracts';
import { lazy, Suspense } from 'react';
import { ChartFigure } from '../../../components/charts/ChartFigure';
import { agencyLabels, formatNumber, isAgencyCode, unitLabels } from '../../../components/scorecard-format';
import { DataTable, type Column } from '../../../components/tables/DataTable';

const BreakdownBarChart = lazy(() =>
  import('../../../components/charts/BreakdownBarChart').then((m) => ({ default: m.BreakdownBarChart })),
);

function labelOf(key: string): string {
  return isAgencyCode(key) ? agencyLabels[key] : key;
}

/** By source group (referrals) or by agency (conference participation), where the indicator has one. */
export function IndicatorBreakdown({ detail }: { detail: IndicatorDetail }) {
  const { definition: d, current } = detail;
  if (!d.breakdown || current.breakdown.length === 0) return null;
  const by = d.breakdown === 'agency' ? 'agency' : 'source group';
  // A count's breakdown is each group's share of the total.
  const valueUnit = d.unit === 'count' ? 'percent' : d.unit;
  const valueHeader = d.unit === 'count' ? 'Share of total (%)' : unitLabels[d.unit];
  const fmt = (v: number) => formatNumber(v, valueUnit);
  const known = current.breakdown.filter((b) => b.value !== null);
  const top = [...known].sort((a, b) => (b.value ?? 0) - (a.value ?? 0))[0];
  const summary = top
    ? `${current.breakdown.length} groups in ${detail.period}. Highest: ${labelOf(top.key)} at ${fmt(top.value ?? 0)}.`
    : `No values by ${by} in ${detail.period}.`;
  const columns: Column<BreakdownEntry>[] = [
    {
      key: 'key',
      header: by === 'agency' ? 'Agency' : 'Source group',
      rowHeader: true,
      cell: (b) => labelOf(b.key),
    },
    { key: 'numerator', header: 'Numerator', numeric: true, cell: (b) => formatNumber(b.numerator, 'count') },
    {
      key: 'denominator',
      header: 'Denominator',
      numeric: true,
      cell: (b) => formatNumber(b.denominator, 'count'),
    },
    {
      key: 'value',
      header: valueHeader,
      numeric: true,
      cell: (b) => (
        <>
          {formatNumber(b.value, valueUnit)}
          {d.unit === 'percent' && isSmallNumber(d.unit, b.denominator) ? (
            <span className="app-cell-note app-small-number">{SMALL_NUMBER_WORDS}</span>
          ) : null}
        </>
      ),
    },
  ];
  const target = d.unit === 'count' ? null : current.target;
  return (
    <section aria-labelledby="breakdown-heading">
      <h2 className="govuk-heading-m" id="breakdown-heading">
        Breakdown by {by}
      </h2>
      <ChartFigure
        title={`${d.title} by ${by}, ${detail.period}`}
        subtitle={`${valueHeader}, ${detail.period}${target !== null ? '; the dashed line is the target' : ''}`}
        source={d.source.join(', ') || 'partnership data'}
        summary={summary}
        table={
          <DataTable
            caption={`${d.title} by ${by}, ${detail.period}`}
            captionSize="s"
            columns={columns}
            rows={current.breakdown}
            rowKey={(b) => b.key}
          />
        }
      >
        <Suspense fallback={<p className="govuk-body-s app-chart__loading">Loading chart…</p>}>
          <BreakdownBarChart
            data={current.breakdown.map((b) => ({ label: labelOf(b.key), value: b.value }))}
            valueFormatter={fmt}
            target={target}
          />
        </Suspense>
      </ChartFigure>
    </section>
  );
}
