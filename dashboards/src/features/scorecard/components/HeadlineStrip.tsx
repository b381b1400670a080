import type { Health, Scorecard } from '@oscp/contracts';
import { Link } from 'react-router';
import { formatAge, formatDateTime } from '../../../components/scorecard-format';
import { toSearchParams, type OverviewFilters } from '../api/overview-filters';

export interface HeadlineStripProps {
  scorecard: Scorecard;
  filters: OverviewFilters;
  health?: Health;
  /** An earlier snapshot is open: its load time is not the latest one. */
  earlier?: boolean;
}

/** The quarter at a glance: how many indicators are red, amber and green, exceptions, and data age. */
export function HeadlineStrip({ scorecard, filters, health, earlier = false }: HeadlineStripProps) {
  const count = (test: (i: Scorecard['indicators'][number]) => boolean) =>
    scorecard.indicators.filter(test).length;
  const rated = (rag: 'red' | 'amber' | 'green') => count((i) => i.polarity !== 'context' && i.rag === rag);
  const linkTo = (change: Partial<OverviewFilters>) =>
    `?${toSearchParams({ ...filters, agency: undefined, rags: [], exceptionsOnly: false, ...change }).toString()}`;
  const lastRunFailed = !earlier && health?.lastRun?.status === 'failed';

  return (
    <ul className="app-headlines" aria-label={`Headlines for ${scorecard.period}`}>
      <li className="app-headline app-headline--red">
        <Link className="govuk-link app-headline__link" to={linkTo({ rags: ['red'] })}>
          <span className="app-headline__value">{rated('red')}</span>{' '}
          <span className="app-headline__label">Red</span>
        </Link>
      </li>
      <li className="app-headline app-headline--amber">
        <Link className="govuk-link app-headline__link" to={linkTo({ rags: ['amber'] })}>
          <span className="app-headline__value">{rated('amber')}</span>{' '}
          <span className="app-headline__label">Amber</span>
        </Link>
      </li>
      <li className="app-headline app-headline--green">
        <Link className="govuk-link app-headline__link" to={linkTo({ rags: ['green'] })}>
          <span className="app-headline__value">{rated('green')}</span>{' '}
          <span className="app-headline__label">Green</span>
        </Link>
      </li>
      <li className="app-headline app-headline--exceptions">
        <Link className="govuk-link app-headline__link" to={linkTo({ exceptionsOnly: true })}>
          <span className="app-headline__value">{count((i) => i.exception)}</span>{' '}
          <span className="app-headline__label">Exceptions</span>
        </Link>
      </li>
      <li className="app-headline app-headline--loaded">
        <span className="app-headline__label">
          {earlier ? 'This snapshot’s data load' : 'Last successful data load'}
        </span>
        <span className="app-headline__date">
          <time dateTime={scorecard.generatedAt}>{formatDateTime(scorecard.generatedAt)}</time>
        </span>
        <span className="app-headline__age">{formatAge(scorecard.generatedAt)}</span>
        {lastRunFailed ? (
          <span className="app-headline__warning">
            The latest run failed: these are the last good figures.
          </span>
        ) : null}
      </li>
    </ul>
  );
}
