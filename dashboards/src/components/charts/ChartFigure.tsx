import { useId, type ReactNode } from 'react';

export interface ChartFigureProps {
  title: string;
  /** The measure and period: "Percentage, 2023-24 Q1 to 2024-25 Q4". */
  subtitle: string;
  /** Where the figures come from. */
  source: string;
  /** The chart in words: read by screen readers in place of the picture, and shown to everyone. */
  summary: string;
  /** The chart itself (hidden from assistive technology, which gets the summary and the table). */
  children: ReactNode;
  /** The same data as a table. */
  table: ReactNode;
}

/**
 * A chart with a title, measure/period subtitle, source line, a text summary and a table
 * alternative. The picture is `role="img"` labelled by the title and described by the summary.
 */
export function ChartFigure({ title, subtitle, source, summary, children, table }: ChartFigureProps) {
  const titleId = useId();
  const summaryId = useId();
  return (
    <figure className="app-chart">
      <figcaption>
        <h3 id={titleId} className="govuk-heading-s app-chart__title">
          {title}
        </h3>
        <p className="govuk-body-s app-chart__subtitle">{subtitle}</p>
      </figcaption>
      <div className="app-chart__canvas" role="img" aria-labelledby={titleId} aria-describedby={summaryId}>
        {children}
      </div>
      <p id={summaryId} className="govuk-body-s app-chart__summary">
        {summary}
      </p>
      <p className="govuk-body-s app-chart__source">Source: {source}</p>
      <div className="app-chart__table">{table}</div>
    </figure>
  );
}
