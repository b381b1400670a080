import type { Worksheet } from 'exceljs';
import { safeCsvCell } from '../security/csv-safety';
import { withFixedZipTimes } from '../scorecard/scorecard-xlsx';
import { DRAFT_WATERMARK, type BriefingPack } from './briefing-pack';
import { BRIEFING_COLUMNS, indicatorsInThemeOrder, valueFormat } from './briefing-table';
import { THEME_LABELS, THEME_ORDER, THEME_SHEET_NAMES, UNIT_LABELS, targetWords } from './briefing-words';
import { formatDate, signOffWords } from './briefing-html';

type CellValue = string | number | null;

/** Text is written formula-safe; numbers stay numbers. */
function cell(value: CellValue): CellValue {
  const safe = safeCsvCell(value);
  return typeof safe === 'boolean' || safe instanceof Date ? String(safe) : safe;
}

function headerRow(sheet: Worksheet, headers: string[], widths: number[]): void {
  sheet.addRow(headers);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  widths.forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
}

function marked(sheet: Worksheet, pack: BriefingPack): void {
  const marking = pack.marking ?? '';
  const draft = pack.draft ? ` ${DRAFT_WATERMARK}` : '';
  sheet.headerFooter.oddHeader = `&L${pack.period}${draft}&R${marking}`;
  sheet.headerFooter.oddFooter = `&L${pack.partnership}&CPage &P of &N&R${marking}`;
  sheet.pageSetup.paperSize = 9; // A4
  sheet.pageSetup.orientation = 'landscape';
}

/**
 * The pack as a workbook: "Scorecard" (real numbers with number formats, words for RAG and
 * direction, frozen header, filters), one sheet per theme with the 8-quarter series,
 * "Exceptions" with actions, "Definitions" and "About this pack". The same pack gives the same
 * bytes: every date inside comes from the snapshot.
 */
export async function briefingXlsx(pack: BriefingPack): Promise<Buffer> {
  const generatedAt = new Date(pack.generatedAt);
  // Loaded when a pack is exported: exceljs is a third of a second of start-up for every process.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = pack.partnership;
  workbook.lastModifiedBy = pack.partnership;
  workbook.title = `Safeguarding Accountability briefing pack, ${pack.period}`;
  workbook.created = generatedAt;
  workbook.modified = generatedAt;
  workbook.lastPrinted = generatedAt;

  const indicators = indicatorsInThemeOrder(pack);

  const scorecard = workbook.addWorksheet('Scorecard');
  headerRow(
    scorecard,
    BRIEFING_COLUMNS.map((column) => column.header),
    BRIEFING_COLUMNS.map((column) => column.width),
  );
  for (const indicator of indicators) {
    const row = scorecard.addRow(BRIEFING_COLUMNS.map((column) => cell(column.value(indicator, pack))));
    BRIEFING_COLUMNS.forEach((column, index) => {
      if (!column.numFmt) return;
      row.getCell(index + 1).numFmt =
        typeof column.numFmt === 'string' ? column.numFmt : column.numFmt(indicator);
    });
  }
  marked(scorecard, pack);

  for (const theme of THEME_ORDER) {
    const rows = indicators.filter((indicator) => indicator.theme === theme);
    if (rows.length === 0) continue;
    const sheet = workbook.addWorksheet(THEME_SHEET_NAMES[theme]);
    const periods = rows[0]?.trend?.map((point) => point.period) ?? [];
    headerRow(
      sheet,
      ['Code', 'Indicator', 'Measured as', 'Target', ...periods],
      [7, 60, 30, 16, ...periods.map(() => 11)],
    );
    for (const indicator of rows) {
      const byPeriod = new Map((indicator.trend ?? []).map((point) => [point.period, point.value]));
      const row = sheet.addRow([
        cell(indicator.code),
        cell(indicator.title),
        cell(UNIT_LABELS[indicator.unit]),
        cell(targetWords(indicator.target, indicator.polarity, indicator.unit)),
        ...periods.map((period) => byPeriod.get(period) ?? null),
      ]);
      periods.forEach((_, index) => {
        row.getCell(5 + index).numFmt = valueFormat(indicator.unit);
      });
    }
    sheet.addRow([]);
    sheet.addRow([
      cell(
        `${THEME_LABELS[theme]}: the last ${periods.length} quarters. A blank cell: not available, or suppressed in the published version.`,
      ),
    ]);
    marked(sheet, pack);
  }

  const exceptions = workbook.addWorksheet('Exceptions');
  headerRow(
    exceptions,
    [
      'Code',
      'Indicator',
      'Why an exception',
      'Why it happened',
      'Impact on children',
      'Action',
      'Owner agency',
      'Due date',
      'Status',
      'Overdue',
      'Expected trajectory',
      'Escalation',
    ],
    [7, 50, 40, 40, 40, 40, 20, 12, 12, 9, 30, 30],
  );
  for (const exception of pack.exceptions) {
    const base = [
      cell(exception.indicator.code),
      cell(exception.indicator.title),
      cell(exception.reasons.join('; ')),
    ];
    const report = exception.report;
    if (!report) {
      exceptions.addRow([...base, cell('No exception report accepted yet')]);
      continue;
    }
    const actions = report.actions.length > 0 ? report.actions : [null];
    for (const action of actions) {
      const row = exceptions.addRow([
        ...base,
        cell(report.cause),
        cell(report.impact),
        cell(action?.action ?? null),
        cell(action?.ownerAgency ?? null),
        action?.dueDate ? new Date(`${action.dueDate}T00:00:00Z`) : null,
        cell(action?.status ?? null),
        action ? (action.overdue ? 'Yes' : 'No') : null,
        cell(report.trajectory),
        cell(report.escalation),
      ]);
      row.getCell(8).numFmt = 'dd mmm yyyy';
      if (action?.overdue) row.font = { bold: true };
    }
  }
  marked(exceptions, pack);

  const definitions = workbook.addWorksheet('Definitions');
  headerRow(
    definitions,
    [
      'Code',
      'Indicator',
      'Definition',
      'Counted (numerator)',
      'Out of (denominator)',
      'Measured as',
      'Source standard',
    ],
    [7, 50, 80, 50, 50, 30, 50],
  );
  for (const definition of pack.definitions) {
    definitions.addRow([
      cell(definition.code),
      cell(definition.title),
      cell(definition.definition),
      cell(definition.numeratorDefinition),
      cell(definition.denominatorDefinition),
      cell(UNIT_LABELS[definition.unit]),
      cell(definition.seedReference),
    ]);
  }
  definitions.addRow([]);
  for (const [symbol, meaning] of [
    ['[x]', 'Not available: no data, or a partner return not received'],
    ['[z]', 'Not applicable: nothing to measure this quarter'],
    ['[c]', 'Confidential: a small number (1 to 5), not shown in the published version'],
  ] as const) {
    definitions.addRow([cell(symbol), cell(meaning)]);
  }
  marked(definitions, pack);

  const about = workbook.addWorksheet('About this pack');
  about.getColumn(1).width = 24;
  about.getColumn(2).width = 90;
  for (const [label, value] of [
    ['Partnership', pack.partnership],
    ['Quarter', pack.period],
    ['Sign-off', signOffWords(pack.signOff)],
    ['Sign-off note', pack.signOff?.note ?? ''],
    ['Snapshot', pack.snapshotId],
    ['Data loaded', formatDate(pack.generatedAt)],
    ['Protective marking', pack.marking ?? 'None: published version (small numbers suppressed)'],
  ] as const) {
    about.addRow([cell(label), cell(value)]);
  }
  about.getColumn(1).font = { bold: true };
  marked(about, pack);

  return withFixedZipTimes(Buffer.from(await workbook.xlsx.writeBuffer()), generatedAt);
}
