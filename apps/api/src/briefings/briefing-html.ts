import type { RagCounts, ScorecardIndicator, SignOff } from '@oscp/contracts';
import { DRAFT_WATERMARK, type BriefingException, type BriefingPack } from './briefing-pack';
import {
  AGENCY_LABELS,
  THEME_LABELS,
  THEME_ORDER,
  UNIT_LABELS,
  directionWord,
  formatNumber,
  ragWord,
  targetWords,
  unitSuffix,
  valueWithUnit,
} from './briefing-words';
import { evidenceChartSvg } from './evidence-chart';
import { markup, SafeHtml } from './html';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** `12 Jan 2027`. */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

export function signOffWords(signOff: SignOff | null): string {
  if (!signOff) return `Not signed off (${DRAFT_WATERMARK})`;
  return `Signed off ${formatDate(signOff.signedOffAt)} by ${signOff.signedOffBy}`;
}

export function briefingTitle(pack: Pick<BriefingPack, 'period' | 'partnership' | 'published'>): string {
  return `Safeguarding Accountability briefing pack, ${pack.period}${pack.published ? ' (published version)' : ''}: ${pack.partnership}`;
}

/** The running header Chromium prints on every page: the quarter and the marking. */
export function runningHeader(pack: BriefingPack): string {
  return markup`<div
    style="font-family: Arial, sans-serif; font-size: 8pt; width: 100%; margin: 0 12mm; display: flex; justify-content: space-between;"
  >
    <span>Briefing pack ${pack.period}${pack.draft ? ` · ${DRAFT_WATERMARK}` : ''}</span
    ><span style="font-weight: bold;">${pack.marking ?? ''}</span>
  </div>`.value;
}

/** The running footer: "Page 3 of 12" and the marking again. */
export function runningFooter(pack: BriefingPack): string {
  return markup`<div
    style="font-family: Arial, sans-serif; font-size: 8pt; width: 100%; margin: 0 12mm; display: flex; justify-content: space-between;"
  >
    <span>${pack.partnership}</span
    ><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span
    ><span style="font-weight: bold;">${pack.marking ?? ''}</span>
  </div>`.value;
}

const STYLE = `
@page { size: A4 portrait; margin: 20mm 12mm 18mm 12mm; }
* { box-sizing: border-box; }
body { font-family: Arial, "Helvetica Neue", Helvetica, sans-serif; color: #0b0c0c; font-size: 10pt; line-height: 1.35; margin: 0; }
h1 { font-size: 24pt; margin: 0 0 6mm; }
h2 { font-size: 16pt; margin: 0 0 4mm; }
h3 { font-size: 12pt; margin: 5mm 0 2mm; }
.page { break-before: page; }
.cover { padding-top: 30mm; }
.marking { font-weight: bold; font-size: 12pt; letter-spacing: 0.05em; }
.lede { font-size: 14pt; margin: 0 0 8mm; }
dl.facts { display: grid; grid-template-columns: 45mm 1fr; gap: 2mm 4mm; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 0 0 4mm; font-size: 8.5pt; }
caption { text-align: left; font-weight: bold; font-size: 10pt; padding: 0 0 2mm; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 1.5mm 1.5mm 1.5mm 0; text-align: left; vertical-align: top; }
th { font-weight: bold; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
.tag { display: inline-block; padding: 0 1.5mm; border: 1px solid #0b0c0c; font-weight: bold; }
.tag-red { background: #f4cdc6; } .tag-amber { background: #fff7bf; } .tag-green { background: #cce2d8; } .tag-context { background: #e8f1f8; }
.commentary td { font-style: italic; border-bottom: 1px solid #b1b4b6; }
.overdue { font-weight: bold; background: #f4cdc6; }
.watermark { position: fixed; top: 45%; left: 0; width: 100%; text-align: center; transform: rotate(-30deg); font-size: 48pt; color: rgba(212, 53, 28, 0.18); font-weight: bold; z-index: -1; }
figure { margin: 0 0 3mm; }
figcaption { font-weight: bold; margin: 0 0 2mm; }
svg.chart { width: 100%; height: auto; font-family: Arial, sans-serif; }
.source { font-size: 8pt; color: #505a5f; }
.nobreak { break-inside: avoid; }
`;

function ragTag(indicator: Pick<ScorecardIndicator, 'rag' | 'polarity'>): SafeHtml {
  const word = ragWord(indicator.rag, indicator.polarity);
  const modifier = indicator.polarity === 'context' ? 'context' : (indicator.rag ?? 'none');
  return markup`<span class="tag tag-${modifier}">${word}</span>`;
}

function comparator(value: number | null | undefined, indicator: ScorecardIndicator): string {
  if (value === null || value === undefined) return '[x]';
  return `${formatNumber(value, indicator.unit)}${unitSuffix(indicator.unit)}`;
}

function countsRow(label: string, counts: RagCounts | null): SafeHtml {
  if (!counts)
    return markup`<tr>
      <th scope="row">${label}</th>
      <td class="num" colspan="5">[x]</td>
    </tr>`;
  return markup`<tr>
    <th scope="row">${label}</th>
    <td class="num">${counts.red}</td>
    <td class="num">${counts.amber}</td>
    <td class="num">${counts.green}</td>
    <td class="num">${counts.context}</td>
    <td class="num">${counts.noRag}</td>
  </tr>`;
}

function change(now: number, before: number | undefined): string {
  if (before === undefined) return '[x]';
  const difference = now - before;
  return difference === 0 ? 'no change' : difference > 0 ? `+${difference}` : String(difference);
}

function cover(pack: BriefingPack): SafeHtml {
  return markup`<section class="cover" aria-labelledby="cover-title">
    ${pack.marking ? markup`<p class="marking">${pack.marking}</p>` : ''}
    <h1 id="cover-title">Safeguarding Accountability briefing pack</h1>
    <p class="lede">${pack.partnership}: performance scorecard for ${pack.period}</p>
    <dl class="facts">
      <dt>Quarter</dt>
      <dd>${pack.period}</dd>
      <dt>Sign-off</dt>
      <dd>
        ${signOffWords(pack.signOff)}${pack.signOff?.note ? markup`<br />Note: ${pack.signOff.note}` : ''}
      </dd>
      <dt>Figures from</dt>
      <dd>Snapshot ${pack.snapshotId}, data loaded ${dateTimeFormat.format(new Date(pack.generatedAt))}</dd>
      <dt>Date of this pack</dt>
      <dd>${formatDate(pack.generatedAt)}</dd>
      <dt>Protective marking</dt>
      <dd>${pack.marking ?? 'None: published version (small numbers suppressed)'}</dd>
    </dl>
    ${pack.draft ? markup`<p class="marking">${DRAFT_WATERMARK}: these figures may change before the quarter is signed off.</p>` : ''}
  </section>`;
}

function headlines(pack: BriefingPack): SafeHtml {
  const c = pack.counts;
  const p = pack.previousCounts;
  const list = (items: { code: string; title: string }[], empty: string) =>
    items.length === 0
      ? markup`<p>${empty}</p>`
      : markup`<ul>
          ${items.map((item) => markup`<li>${item.code} ${item.title}</li>`)}
        </ul>`;
  return markup`<section class="page" aria-labelledby="headlines-title">
    <h2 id="headlines-title">Headlines</h2>
    <table>
      <caption>
        Indicators by rating, ${pack.period}${p ? ` and change since ${pack.previousPeriod}` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Quarter</th>
          <th scope="col" class="num">Red</th>
          <th scope="col" class="num">Amber</th>
          <th scope="col" class="num">Green</th>
          <th scope="col" class="num">Context</th>
          <th scope="col" class="num">No rating</th>
        </tr>
      </thead>
      <tbody>
        ${countsRow(pack.period, c)} ${p ? countsRow(pack.previousPeriod, p) : ''}
        ${
          p
            ? markup`<tr>
                <th scope="row">Change</th>
                <td class="num">${change(c.red, p.red)}</td>
                <td class="num">${change(c.amber, p.amber)}</td>
                <td class="num">${change(c.green, p.green)}</td>
                <td class="num">${change(c.context, p.context)}</td>
                <td class="num">${change(c.noRag, p.noRag)}</td>
              </tr>`
            : ''
        }
      </tbody>
    </table>
    <h3>Newly red this quarter</h3>
    ${list(pack.newlyRed, 'No indicator turned red this quarter.')}
    <h3>Recovered from red</h3>
    ${list(pack.recovered, 'No indicator recovered from red this quarter.')}
    <h3>Exceptions</h3>
    ${
      pack.exceptions.length === 0
        ? markup`<p>No indicator is an exception this quarter.</p>`
        : markup`<ul>
            ${pack.exceptions.map((exception) => markup`<li>${exception.indicator.code} ${exception.indicator.title}: ${exception.reasons.length > 0 ? exception.reasons.join('; ') : 'not an exception this quarter; a report was accepted'}</li>`)}
          </ul>`
    }
    <h3>Partner returns missing</h3>
    ${
      pack.returnsMissing.length === 0
        ? markup`<p>Every partner return for ${pack.period} has been received.</p>`
        : markup`<ul>
            ${pack.returnsMissing.map((item) => markup`<li>${AGENCY_LABELS[item.owner as keyof typeof AGENCY_LABELS] ?? item.owner} return for ${item.code} ${item.title}: ${missingReturnWords(item)}</li>`)}
          </ul>`
    }
  </section>`;
}

function scorecardTables(pack: BriefingPack): SafeHtml {
  const indicators = pack.scorecard.indicators;
  return markup`<section class="page" aria-labelledby="scorecard-title">
    <h2 id="scorecard-title">Scorecard, ${pack.period}</h2>
    ${THEME_ORDER.map((theme) => {
      const rows = indicators.filter((indicator) => indicator.theme === theme);
      if (rows.length === 0) return '';
      return markup`<h3>${THEME_LABELS[theme]}</h3>
        <table>
          <caption>
            ${THEME_LABELS[theme]}, ${pack.period}
          </caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Indicator</th>
              <th scope="col" class="num">Value</th>
              <th scope="col">Target</th>
              <th scope="col">Rating</th>
              <th scope="col">Direction</th>
              <th scope="col" class="num">England</th>
              <th scope="col" class="num">${pack.scorecard.regionName ?? 'Region'}</th>
              <th scope="col" class="num">Similar areas</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map((indicator) => {
              const commentary = pack.commentary.get(indicator.code);
              return markup`<tr>
                  <td>${indicator.code}</td>
                  <td>${indicator.title}</td>
                  <td class="num">${valueWithUnit(indicator)}</td>
                  <td>${targetWords(indicator.target, indicator.polarity, indicator.unit)}</td>
                  <td>${ragTag(indicator)}${indicator.exception ? markup` <strong>Exception</strong>` : ''}</td>
                  <td>${directionWord(indicator.direction)}</td>
                  <td class="num">${comparator(indicator.comparators?.england, indicator)}</td>
                  <td class="num">${comparator(indicator.comparators?.region, indicator)}</td>
                  <td class="num">${comparator(indicator.comparators?.statNeighbours, indicator)}</td>
                </tr>
                ${
                  commentary
                    ? markup`<tr class="commentary">
                        <td></td>
                        <td colspan="8">Commentary: ${commentary}</td>
                      </tr>`
                    : ''
                }`;
            })}
          </tbody>
        </table>`;
    })}
    <p class="source">
      Comparators: England, ${pack.scorecard.regionName ?? 'the region'} and the mean of similar areas (DfE statistical neighbours), for the
      financial year shown in the appendix's definitions; [x] where DfE publishes none.
    </p>
  </section>`;
}

function exceptionPage(pack: BriefingPack, exception: BriefingException, index: number): SafeHtml {
  const { indicator, report } = exception;
  const id = `exception-${index + 1}`;
  return markup`<section class="page" aria-labelledby="${id}-title">
    <h2 id="${id}-title">
      ${exception.reasons.length > 0 ? 'Exception' : 'Report'}: ${indicator.code} ${indicator.title}
    </h2>
    ${exception.reasons.length > 0 ? markup`<p><strong>Why this is an exception:</strong> ${exception.reasons.join('; ')}.</p>` : markup`<p>Not an exception this quarter: the subgroup reported on it by choice.</p>`}
    <p>
      <strong>${pack.period}:</strong> ${valueWithUnit(indicator)}
      (${ragWord(indicator.rag, indicator.polarity)}; ${directionWord(indicator.direction)}); target
      ${targetWords(indicator.target, indicator.polarity, indicator.unit)}. Owner:
      ${AGENCY_LABELS[indicator.owner]}.
    </p>
    <figure class="nobreak">
      <figcaption>
        ${indicator.code} ${indicator.title}, last ${exception.trend.length} quarters
        (${UNIT_LABELS[indicator.unit].toLowerCase()})
      </figcaption>
      ${evidenceChartSvg(indicator, exception.trend, id)}
      <p class="source">Source: snapshot ${pack.snapshotId}. Dashed line: target.</p>
    </figure>
    <table class="nobreak">
      <caption>
        ${indicator.code} by quarter (the chart's figures)
      </caption>
      <thead>
        <tr>
          ${exception.trend.map((point) => markup`<th scope="col" class="num">${point.period}</th>`)}
        </tr>
      </thead>
      <tbody>
        <tr>
          ${exception.trend.map((point) => markup`<td class="num">${point.value === null ? point.shown : formatNumber(point.value, indicator.unit)}</td>`)}
        </tr>
      </tbody>
    </table>
    ${
      report
        ? reportSection(report)
        : pack.published
          ? markup`<p>The exception report's narrative is in the internal version of this pack.</p>`
          : markup`<p>No exception report has been accepted for this indicator and quarter yet.</p>`
    }
  </section>`;
}

function reportSection(report: NonNullable<BriefingException['report']>): SafeHtml {
  return markup`<h3>Why it happened</h3>
    <p>${report.cause ?? 'Not given.'}</p>
    <h3>Impact on children</h3>
    <p>${report.impact ?? 'Not given.'}</p>
    <h3>Actions</h3>
    ${
      report.actions.length === 0
        ? markup`<p>No actions recorded.</p>`
        : markup`<table>
            <caption>
              Actions, owners and due dates
            </caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              ${report.actions.map((action) => markup`<tr${action.overdue ? markup` class="overdue"` : ''}><td>${action.action}</td><td>${action.ownerAgency}</td><td>${action.dueDate ? formatDate(`${action.dueDate}T12:00:00Z`) : 'No date'}</td><td>${action.overdue ? 'Overdue' : action.status}</td></tr>`)}
            </tbody>
          </table>`
    }
    <h3>Expected trajectory</h3>
    <p>${report.trajectory ?? 'Not given.'}</p>
    <h3>Escalation</h3>
    <p>${report.escalation ?? 'None needed.'}</p>`;
}

function appendix(pack: BriefingPack): SafeHtml {
  return markup`<section class="page" aria-labelledby="appendix-title">
    <h2 id="appendix-title">Appendix</h2>
    <h3>Definitions</h3>
    <table>
      <caption>
        What each indicator counts
      </caption>
      <thead>
        <tr>
          <th scope="col">Code</th>
          <th scope="col">Indicator</th>
          <th scope="col">Definition</th>
          <th scope="col">Source standard</th>
        </tr>
      </thead>
      <tbody>
        ${pack.definitions.map(
          (definition) =>
            markup`<tr>
              <td>${definition.code}</td>
              <td>${definition.title}</td>
              <td>${definition.definition}</td>
              <td>${definition.seedReference}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h3>Data quality for ${pack.period}</h3>
    <table>
      <caption>
        Files and rows behind these figures
      </caption>
      <thead>
        <tr>
          <th scope="col">Dataset</th>
          <th scope="col" class="num">Rows set aside (quarantined)</th>
          <th scope="col" class="num">Files rejected</th>
        </tr>
      </thead>
      <tbody>
        ${pack.dataQuality.map(
          (note) =>
            markup`<tr>
              <td>${note.dataset}</td>
              <td class="num">${note.quarantinedRows === null ? '[c]' : note.quarantinedRows}</td>
              <td class="num">${note.rejectedFiles}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <p>
      Partner returns missing:
      ${pack.returnsMissing.length === 0 ? 'none' : pack.returnsMissing.map((item) => `${item.code} (${item.state === 'awaited' ? 'awaited' : missingReturnWords(item)})`).join(', ')}.
    </p>
    <h3>Symbols</h3>
    <dl class="facts">
      <dt>[x]</dt>
      <dd>Not available: no data for the quarter, or a partner return not received.</dd>
      <dt>[z]</dt>
      <dd>Not applicable: nothing to measure this quarter (for example no cases in the group).</dd>
      <dt>[c]</dt>
      <dd>Confidential: a small number (1 to 5) is not shown in the published version.</dd>
      <dt>Ratings</dt>
      <dd>
        Red, Amber and Green compare the value with its target and tolerance; Context indicators have no
        target.
      </dd>
      <dt>Direction</dt>
      <dd>
        Improving, Declining or No change since the previous quarter; Up or Down for context indicators.
      </dd>
    </dl>
  </section>`;
}

/** The whole pack as one HTML document, for Chromium to print (and for the preview). */
export function briefingHtml(pack: BriefingPack): string {
  const document = markup`<!doctype html>
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <title>${briefingTitle(pack)}</title>
        <meta name="author" content="${pack.partnership}" />
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        ${pack.draft ? markup`<div class="watermark" aria-hidden="true">${DRAFT_WATERMARK}</div>` : ''}
        <main>
          ${cover(pack)} ${headlines(pack)} ${scorecardTables(pack)}
          ${pack.exceptions.map((exception, index) => exceptionPage(pack, exception, index))}
          ${appendix(pack)}
        </main>
      </body>
    </html> `;
  return document.value;
}

/** "not received, 20 working days overdue"; "awaited (not yet due)". */
function missingReturnWords(item: BriefingPack['returnsMissing'][number]): string {
  if (item.state === 'awaited') return 'awaited (not yet due)';
  if (item.workingDaysOverdue === null) return 'not received';
  return `not received, ${item.workingDaysOverdue} working day${item.workingDaysOverdue === 1 ? '' : 's'} overdue`;
}
