import type { IndicatorDetail } from '@oscp/contracts';
import type { ReactNode } from 'react';
import {
  agencyLabels,
  formatNumber,
  formatTarget,
  polarityLabels,
  unitLabels,
  unitSuffix,
} from '../../../components/scorecard-format';

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{term}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/**
 * What the indicator measures in plain English and why it matters, the rules it is judged by,
 * and, under "How it is calculated", the exact technical rule for analysts.
 */
export function IndicatorDefinition({ detail }: { detail: IndicatorDetail }) {
  const d = detail.definition;
  const current = detail.current;
  const target = current.target ?? d.target;
  const tolerance = current.tolerance ?? d.tolerance;
  return (
    <>
      <dl className="govuk-summary-list app-definition">
        <Row term="What it measures">{d.plainDefinition}</Row>
        <Row term="Why it matters">{d.whyItMatters}</Row>
        <Row term="Unit">{unitLabels[d.unit]}</Row>
        <Row term="Which way is better">{polarityLabels[d.polarity]}</Row>
        <Row term="Target">
          {target === null ? (
            'No target: a context indicator, shown for information.'
          ) : (
            <>
              {formatTarget(target, d.polarity, d.unit)}
              {tolerance !== null ? (
                <>
                  ; amber within {formatNumber(tolerance, d.unit)}
                  {d.unit === 'percent' ? ' percentage points' : unitSuffix(d.unit)} of it
                </>
              ) : null}
              {current.targetSource === 'override'
                ? ' (changed by an analyst for this year)'
                : ' (catalogue default)'}
            </>
          )}
        </Row>
        <Row term="Owner">{agencyLabels[d.owner] ?? d.owner}</Row>
        {d.subgroups.length ? <Row term="Subgroups">{d.subgroups.join(', ')}</Row> : null}
        <Row term="Practice standard">{d.seedReference}</Row>
        {d.comparatorNote ? <Row term="Comparison with DfE figures">{d.comparatorNote}</Row> : null}
      </dl>
      <details className="govuk-details" data-testid="how-calculated">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">How it is calculated</span>
        </summary>
        <div className="govuk-details__text">
          <dl className="govuk-summary-list govuk-!-margin-bottom-0">
            <Row term="Rule">{d.definition}</Row>
            <Row term="Numerator">{d.numeratorDefinition}</Row>
            <Row term="Denominator">{d.denominatorDefinition ?? 'None: this is a count.'}</Row>
            <Row term="Source datasets">{d.source.length ? d.source.join(', ') : '[x]'}</Row>
          </dl>
        </div>
      </details>
    </>
  );
}
