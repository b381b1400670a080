import {
  formatDisplay,
  formatValue,
  type Commentary,
  type Comparators,
  type Revision,
  type ScorecardIndicator,
  type Unit,
} from '@oscp/contracts';
import { Link } from 'react-router';
import { Sparkline } from '../../../components/charts/Sparkline';
import {
  agencyLabels,
  exceptionReasonTexts,
  formatDate,
  formatTarget,
  regionLabel,
  unitLabels,
} from '../../../components/scorecard-format';
import { DataTable, type Column } from '../../../components/tables/DataTable';
import { DirectionTag } from '../../../components/tags/DirectionTag';
import { RagTag, SmallNumberNote } from '../../../components/tags/RagTag';

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
  /** The region of the `region` comparators (`Scorecard.regionName`). */
  regionName: string | null;
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
      {formatValue(value, unit)}
      {otherYear && value !== null ? <span className="app-cell-note">{comparators.year}</span> : null}
    </>
  );
}

export function ValueCell({ indicator, testId = true }: { indicator: ScorecardIndicator; testId?: boolean }) {
  return (
    <>
      <span data-testid={testId ? `value-${indicator.code}` : undefined}>
        {formatDisplay(indicator.display, indicator.unit)}
      </span>
      {indicator.status === 'awaited' ? <span className="app-cell-note">awaited</span> : null}
    </>
  );
}

function IndicatorDirection({ indicator }: { indicator: ScorecardIndicator }) {
  return (
    <DirectionTag
      direction={indicator.direction}
      polarity={indicator.polarity}
      value={indicator.value}
      previousValue={indicator.previousValue}
      hasPreviousQuarter={indicator.trend ? indicator.trend.length > 1 : undefined}
    />
  );
}

function Rating({ indicator }: { indicator: ScorecardIndicator }) {
  return (
    <>
      <RagTag rag={indicator.rag} polarity={indicator.polarity} />
      <SmallNumberNote unit={indicator.unit} denominator={indicator.denominator} />
    </>
  );
}

function IndicatorLink({ indicator, linkSearch }: { indicator: ScorecardIndicator; linkSearch: string }) {
  return (
    <Link
      className="govuk-link app-indicator-link"
      to={`/indicators/${encodeURIComponent(indicator.code)}${linkSearch}`}
    >
      <span className="app-indicator-link__code">{indicator.code}</span> {indicator.title}
    </Link>
  );
}

/** The Exception tag with why, in words; then the subgroup's commentary, when there is one. */
function ExceptionTag({
  indicator,
  period,
  commentary,
}: {
  indicator: ScorecardIndicator;
  period: string;
  commentary: Commentary | undefined;
}) {
  return (
    <>
      {indicator.exception ? (
        <>
          <strong className="govuk-tag govuk-tag--purple app-tag app-tag--small">Exception</strong>
          <span className="app-cell-note app-cell-note--left" data-testid={`reasons-${indicator.code}`}>
            {exceptionReasonTexts(indicator, period).join('. ')}
          </span>
        </>
      ) : null}
      {commentary ? (
        <span className="app-commentary" data-testid={`commentary-${indicator.code}`}>
          <span className="govuk-visually-hidden">Commentary: </span>
          {commentary.text}
        </span>
      ) : null}
    </>
  );
}

/**
 * One theme of the scorecard: a GOV.UK table from 640 px up, and one card per indicator below
 * it (title, value, target, RAG, direction, trend), so a phone never scrolls sideways.
 */
export function ThemeTable({
  caption,
  indicators,
  period,
  linkSearch,
  commentary,
  revisions,
  regionName,
}: ThemeTableProps) {
  const commentaryOf = (code: string) => commentary?.find((c) => c.indicatorCode === code);
  const columns: Column<ScorecardIndicator>[] = [
    {
      key: 'indicator',
      header: 'Indicator',
      rowHeader: true,
      cell: (i) => (
        <>
          <IndicatorLink indicator={i} linkSearch={linkSearch} />
          <span className="app-cell-note app-cell-note--left">{unitLabels[i.unit]}</span>
          <ExceptionTag indicator={i} period={period} commentary={commentaryOf(i.code)} />
          <RevisedNote revision={revisions?.get(i.code)} />
        </>
      ),
    },
    { key: 'value', header: 'Value', numeric: true, cell: (i) => <ValueCell indicator={i} /> },
    { key: 'target', header: 'Target', cell: (i) => formatTarget(i.target, i.polarity, i.unit) },
    { key: 'rag', header: 'RAG', cell: (i) => <Rating indicator={i} /> },
    { key: 'direction', header: 'Direction of travel', cell: (i) => <IndicatorDirection indicator={i} /> },
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
      header: regionLabel(regionName),
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
    <section className="app-theme">
      <div className="app-theme__table">
        <DataTable
          caption={caption}
          columns={columns}
          rows={indicators}
          rowKey={(i) => i.code}
          className="app-scorecard-table"
        />
      </div>
      <div className="app-theme__cards">
        <h3 className="govuk-heading-m">{caption}</h3>
        <ul className="app-cards" aria-label={caption}>
          {indicators.map((i) => (
            <li key={i.code} className="app-card" data-testid={`card-${i.code}`}>
              <p className="govuk-body app-card__title">
                <IndicatorLink indicator={i} linkSearch={linkSearch} />
              </p>
              <ExceptionTag indicator={i} period={period} commentary={commentaryOf(i.code)} />
              <RevisedNote revision={revisions?.get(i.code)} />
              <dl className="app-card__facts">
                <div className="app-card__fact">
                  <dt>Value</dt>
                  <dd className="app-card__value">
                    <ValueCell indicator={i} testId={false} />
                  </dd>
                </div>
                <div className="app-card__fact">
                  <dt>Target</dt>
                  <dd>{formatTarget(i.target, i.polarity, i.unit)}</dd>
                </div>
                <div className="app-card__fact">
                  <dt>RAG</dt>
                  <dd>
                    <Rating indicator={i} />
                  </dd>
                </div>
                <div className="app-card__fact">
                  <dt>Direction</dt>
                  <dd>
                    <IndicatorDirection indicator={i} />
                  </dd>
                </div>
                <div className="app-card__fact">
                  <dt>Trend</dt>
                  <dd>
                    {i.trend ? (
                      <Sparkline points={i.trend} unit={i.unit} title={i.title} />
                    ) : (
                      <span className="app-muted">[x]</span>
                    )}
                  </dd>
                </div>
                {i.comparators?.england !== null && i.comparators?.england !== undefined ? (
                  <div className="app-card__fact">
                    <dt>England {i.comparators.year}</dt>
                    <dd>{formatValue(i.comparators.england, i.unit)}</dd>
                  </div>
                ) : null}
              </dl>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
