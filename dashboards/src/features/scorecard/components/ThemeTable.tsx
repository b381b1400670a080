import type { Commentary, Comparators, Revision, ScorecardIndicator, Unit } from '@oscp/contracts';
import { Link } from 'react-router';
import { Sparkline } from '../../../components/charts/Sparkline';
import {
  agencyLabels,
  exceptionReasonTexts,
  formatDate,
  formatNumber,
  formatTarget,
  unitLabels,
} from '../../../components/scorecard-format';
import { DataTable, type Column } from '../../../components/tables/DataTable';
import { DirectionTag } from '../../../components/tags/DirectionTag';
import { RagTag } from '../../../components/tags/RagTag';

export interface ThemeTableProps {
  caption: string;
  indicators: ScorecardIndicator[];
  period: string;
  /** Query string carried into each indicator link (period, snapshot). */
  linkSearch: string;
  /** The quarter's commentaries; an indicator without one shows nothing. */
  commentary?: Commentary[];
  /** Indicators whose figures changed since the quarter was signed off, by code. */
  revisions?: ReadonlyMap<string, Revision>;
}

/** "Revised": the signed-off and the latest value, and when the newer figures were loaded. */
function RevisedNote({ revision }: { revision: Revision | undefined }) {
  if (!revision) return null;
  return (
    <span className="app-cell-note app-cell-note--left" data-testid={`revised-${revision.code}`}>
      <strong className="govuk-tag govuk-tag--orange app-tag app-tag--small">Revised</strong> signed off{' '}
      {revision.signedOff.display}, latest {revision.latest.display} ({formatDate(revision.revisedAt)})
    </span>
  );
}

function ComparatorCell({
  comparators,
  pick,
  unit,
  period,
}: {
  comparators: Comparators | null;
  pick: (c: Comparators) => number | null;
  unit: Unit;
  period: string;
}) {
  if (!comparators) return <>[x]</>;
  const value = pick(comparators);
  // Comparators are annual; say so when they belong to an earlier year than the quarter.
  const otherYear = !period.startsWith(comparators.year);
  return (
    <>
      {formatNumber(value, unit)}
      {otherYear && value !== null ? <span className="app-cell-note">{comparators.year}</span> : null}
    </>
  );
}

export function ValueCell({ indicator }: { indicator: ScorecardIndicator }) {
  return (
    <>
      <span data-testid={`value-${indicator.code}`}>{indicator.display}</span>
      {indicator.status === 'awaited' ? <span className="app-cell-note">awaited</span> : null}
    </>
  );
}

export function ThemeTable({
  caption,
  indicators,
  period,
  linkSearch,
  commentary,
  revisions,
}: ThemeTableProps) {
  const columns: Column<ScorecardIndicator>[] = [
    {
      key: 'indicator',
      header: 'Indicator',
      rowHeader: true,
      cell: (i) => (
        <>
          <Link
            className="govuk-link app-indicator-link"
            to={`/indicators/${encodeURIComponent(i.code)}${linkSearch}`}
          >
            <span className="app-indicator-link__code">{i.code}</span> {i.title}
          </Link>
          <span className="app-cell-note app-cell-note--left">{unitLabels[i.unit]}</span>
          {i.exception ? (
            <>
              <strong className="govuk-tag govuk-tag--purple app-tag app-tag--small">Exception</strong>
              <span className="app-cell-note app-cell-note--left" data-testid={`reasons-${i.code}`}>
                {exceptionReasonTexts(i, period).join('. ')}
              </span>
            </>
          ) : null}
          {commentary?.find((c) => c.indicatorCode === i.code) ? (
            <span className="app-commentary" data-testid={`commentary-${i.code}`}>
              <span className="govuk-visually-hidden">Commentary: </span>
              {commentary.find((c) => c.indicatorCode === i.code)?.text}
            </span>
          ) : null}
          <RevisedNote revision={revisions?.get(i.code)} />
        </>
      ),
    },
    { key: 'value', header: 'Value', numeric: true, cell: (i) => <ValueCell indicator={i} /> },
    { key: 'target', header: 'Target', cell: (i) => formatTarget(i.target, i.polarity, i.unit) },
    { key: 'rag', header: 'RAG', cell: (i) => <RagTag rag={i.rag} polarity={i.polarity} /> },
    {
      key: 'direction',
      header: 'Direction of travel',
      cell: (i) => <DirectionTag direction={i.direction} value={i.value} previousValue={i.previousValue} />,
    },
    {
      key: 'trend',
      header: 'Trend (8 quarters)',
      cell: (i) =>
        i.trend ? (
          <Sparkline points={i.trend} unit={i.unit} title={i.title} />
        ) : (
          <span className="app-muted">[x]</span>
        ),
    },
    {
      key: 'england',
      header: 'England',
      numeric: true,
      cell: (i) => (
        <ComparatorCell comparators={i.comparators} pick={(c) => c.england} unit={i.unit} period={period} />
      ),
    },
    {
      key: 'region',
      header: 'North West',
      numeric: true,
      cell: (i) => (
        <ComparatorCell comparators={i.comparators} pick={(c) => c.region} unit={i.unit} period={period} />
      ),
    },
    {
      key: 'neighbours',
      header: 'Statistical neighbours',
      numeric: true,
      cell: (i) => (
        <ComparatorCell
          comparators={i.comparators}
          pick={(c) => c.statNeighbours}
          unit={i.unit}
          period={period}
        />
      ),
    },
    { key: 'owner', header: 'Owner', cell: (i) => agencyLabels[i.owner] ?? i.owner },
  ];
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={indicators}
      rowKey={(i) => i.code}
      className="app-scorecard-table"
    />
  );
}
