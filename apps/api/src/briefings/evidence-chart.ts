import type { ScorecardIndicator } from '@oscp/contracts';
import { markup, type SafeHtml } from './html';
import { formatNumber, unitSuffix } from './briefing-words';

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 24, right: 80, bottom: 36, left: 56 };

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const steps = [1, 2, 2.5, 5, 10];
  const step = steps.find((candidate) => candidate * magnitude >= value) ?? 10;
  return step * magnitude;
}

/**
 * An indicator's trend as an SVG line chart drawn on the server (no browser script): the quarters
 * along the bottom, the value up the side, a dashed target line with its label, and the latest
 * value labelled directly. The caller prints the same figures as a table beside it.
 */
export function evidenceChartSvg(
  indicator: ScorecardIndicator,
  trend: readonly { period: string; value: number | null }[],
  idPrefix: string,
): SafeHtml {
  const values = trend.map((point) => point.value).filter((value): value is number => value !== null);
  const targets: number[] =
    indicator.target === null
      ? []
      : typeof indicator.target === 'number'
        ? [indicator.target]
        : [indicator.target.low, indicator.target.high];
  const top = niceMax(Math.max(0, ...values, ...targets) * 1.1);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (index: number) =>
    MARGIN.left + (trend.length <= 1 ? plotWidth / 2 : (index * plotWidth) / (trend.length - 1));
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const suffix = unitSuffix(indicator.unit);
  const ticks = [0, top / 4, top / 2, (3 * top) / 4, top];

  // Runs of consecutive known values are drawn as separate lines: a gap stays a gap.
  const segments: string[] = [];
  let current: string[] = [];
  trend.forEach((point, index) => {
    if (point.value === null) {
      if (current.length > 0) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(index).toFixed(1)},${y(point.value).toFixed(1)}`);
  });
  if (current.length > 0) segments.push(current.join(' '));
  const lastIndex = trend.map((point) => point.value !== null).lastIndexOf(true);
  const last = lastIndex >= 0 ? trend[lastIndex] : undefined;
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  const described = trend
    .map(
      (point) =>
        `${point.period}: ${point.value === null ? 'not shown' : formatNumber(point.value, indicator.unit) + suffix}`,
    )
    .join('; ');

  return markup`<svg
    class="chart"
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 ${WIDTH} ${HEIGHT}"
    width="${WIDTH}"
    height="${HEIGHT}"
    role="img"
    aria-labelledby="${titleId} ${descId}"
  >
    <title id="${titleId}">${indicator.code} ${indicator.title}: the last ${trend.length} quarters</title>
    <desc id="${descId}">${described}</desc>
    ${ticks.map(
      (tick) =>
        markup`<line
            x1="${MARGIN.left}"
            x2="${WIDTH - MARGIN.right}"
            y1="${y(tick).toFixed(1)}"
            y2="${y(tick).toFixed(1)}"
            stroke="#b1b4b6"
            stroke-width="0.5"
          />
          <text x="${MARGIN.left - 6}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end" font-size="11"
            >${formatNumber(tick, indicator.unit)}${suffix}</text
          > `,
    )}
    ${targets.map(
      (target) =>
        markup`<line
            x1="${MARGIN.left}"
            x2="${WIDTH - MARGIN.right}"
            y1="${y(target).toFixed(1)}"
            y2="${y(target).toFixed(1)}"
            stroke="#0b0c0c"
            stroke-width="1.5"
            stroke-dasharray="6 4"
          />
          <text x="${WIDTH - MARGIN.right + 6}" y="${(y(target) + 4).toFixed(1)}" font-size="11"
            >Target ${formatNumber(target, indicator.unit)}${suffix}</text
          > `,
    )}
    ${segments.map((points) => markup`<polyline points="${points}" fill="none" stroke="#1d70b8" stroke-width="2.5" />`)}
    ${trend.map((point, index) =>
      point.value === null
        ? ''
        : markup`<circle
            cx="${x(index).toFixed(1)}"
            cy="${y(point.value).toFixed(1)}"
            r="3.5"
            fill="#1d70b8"
          />`,
    )}
    ${last && last.value !== null ? markup`<text x="${(x(lastIndex) + 8).toFixed(1)}" y="${(y(last.value) - 8).toFixed(1)}" font-size="12" font-weight="bold">${formatNumber(last.value, indicator.unit)}${suffix}</text>` : ''}
    ${trend.map(
      (point, index) =>
        markup`<text
          x="${x(index).toFixed(1)}"
          y="${HEIGHT - MARGIN.bottom + 18}"
          text-anchor="middle"
          font-size="10"
          >${point.period}</text
        >`,
    )}
  </svg>`;
}
