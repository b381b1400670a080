import type { EvidencePoint, ExceptionReport } from '@oscp/contracts';
import {
  exceptionReasonTexts,
  formatDateTime,
  formatNumber,
  formatTarget,
  regionLabel,
} from '../../../components/scorecard-format';
import { DataTable, type Column } from '../../../components/tables/DataTable';
import { DirectionTag } from '../../../components/tags/DirectionTag';
import { RagTag } from '../../../components/tags/RagTag';

const seriesColumns: Column<EvidencePoint>[] = [
  { key: 'period', header: 'Quarter', rowHeader: true, cell: (p) => p.period },
  { key: 'value', header: 'Value', numeric: true, cell: (p) => p.display },
  {
    key: 'rag',
    header: 'RAG',
    cell: (p) => (p.rag ? `${p.rag.charAt(0).toUpperCase()}${p.rag.slice(1)}` : 'None'),
  },
];

/** The figures frozen into the report when it was opened, and any revision published since. */
export function ExceptionEvidence({ report }: { report: ExceptionReport }) {
  const e = report.evidence;
  const reasons = exceptionReasonTexts(
    {
      exceptionReasons: e.reasons,
      display: e.display,
      unit: e.unit,
      target: e.target,
      polarity: e.polarity,
      owner: e.owner,
      partnerReturnWorkingDaysOverdue: e.partnerReturnWorkingDaysOverdue,
    },
    e.period,
  );
  const latest = report.revisions.at(-1);
  return (
    <section aria-labelledby="evidence-heading">
      <h2 className="govuk-heading-m" id="evidence-heading">
        The evidence
      </h2>
      <p className="govuk-body-s">
        As published in snapshot {e.snapshotId}. These figures are kept as they were when the report was
        opened.
      </p>
      {latest ? (
        <div className="govuk-warning-text" data-testid="figures-revised">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Figures revised since this report was drafted: the value was {e.display}, it is now{' '}
            {latest.display} (snapshot {latest.snapshotId}, {formatDateTime(latest.at)}).
          </strong>
        </div>
      ) : null}
      <ul
        className="app-headlines app-headlines--indicator"
        aria-label={`${report.indicatorCode} in ${e.period}`}
      >
        <li className="app-headline">
          <span className="app-headline__label">Value</span>
          <span className="app-headline__value" data-testid="evidence-value">
            {e.display}
          </span>
        </li>
        <li className="app-headline">
          <span className="app-headline__label">Target</span>
          <span className="app-headline__date">{formatTarget(e.target, e.polarity, e.unit)}</span>
        </li>
        <li className="app-headline">
          <span className="app-headline__label">RAG</span>
          <RagTag rag={e.rag} polarity={e.polarity} />
        </li>
        <li className="app-headline">
          <span className="app-headline__label">Direction of travel</span>
          <DirectionTag
            direction={e.direction}
            polarity={e.polarity}
            value={e.value}
            previousValue={e.previousValue}
          />
        </li>
      </ul>
      {reasons.length > 0 ? (
        <>
          <h3 className="govuk-heading-s">Why it is an exception</h3>
          <ul className="govuk-list govuk-list--bullet" data-testid="exception-reasons">
            {reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="govuk-body">This indicator was not an exception: the report was opened by hand.</p>
      )}
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Numerator and denominator</dt>
          <dd className="govuk-summary-list__value">
            {e.numerator ?? '[x]'} of {e.denominator ?? '[x]'}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Tolerance</dt>
          <dd className="govuk-summary-list__value">
            {e.tolerance === null ? 'None' : formatNumber(e.tolerance, e.unit)}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">
            Comparators{e.comparators ? ` (${e.comparators.year})` : ''}
          </dt>
          <dd className="govuk-summary-list__value">
            {e.comparators
              ? `England ${formatNumber(e.comparators.england, e.unit)}; ${regionLabel(e.regionName)} ${formatNumber(e.comparators.region, e.unit)}; statistical neighbours ${formatNumber(e.comparators.statNeighbours, e.unit)}`
              : 'None published'}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Data quality</dt>
          <dd className="govuk-summary-list__value">
            {e.dataQuality.length === 0
              ? 'No problems found in the sources'
              : e.dataQuality
                  .map(
                    (d) =>
                      `${d.dataset}: ${d.quarantinedRows} rows quarantined, ${d.rejectedFiles} files rejected`,
                  )
                  .join('; ')}
          </dd>
        </div>
        {e.breakdown.length > 0 ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Breakdown</dt>
            <dd className="govuk-summary-list__value">
              {e.breakdown.map((b) => `${b.key}: ${formatNumber(b.value, e.unit)}`).join('; ')}
            </dd>
          </div>
        ) : null}
      </dl>
      <DataTable
        caption={`${e.title}, last ${e.series.length} quarters`}
        captionSize="s"
        columns={seriesColumns}
        rows={e.series}
        rowKey={(p) => p.period}
      />
    </section>
  );
}
