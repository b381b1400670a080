import JSZip from 'jszip';
import type { Scorecard } from '@oscp/contracts';
import { safeCsvCell } from '../security/csv-safety';
import {
  COMMENTARY_HEADER,
  exportedCommentary,
  SCORECARD_COLUMNS,
  type CommentaryByCode,
} from './scorecard-columns';

/**
 * The scorecard as an XLSX workbook: a plain-English header row (frozen, with filters) and one
 * row per indicator, numbers as real numbers with number formats, and the quarter's commentary
 * (internal views only). The same scorecard always gives the same bytes: the workbook's dates
 * come from the snapshot's `generatedAt`, and so do the times of the files inside the zip.
 */
export async function scorecardXlsx(
  scorecard: Scorecard,
  commentary: CommentaryByCode = new Map(),
): Promise<Buffer> {
  const generatedAt = new Date(scorecard.generatedAt);
  // Loaded for an XLSX export only (a large library the server need not load at start).
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'OSCP scorecard';
  workbook.lastModifiedBy = 'OSCP scorecard';
  workbook.created = generatedAt;
  workbook.modified = generatedAt;
  workbook.lastPrinted = generatedAt;

  const sheet = workbook.addWorksheet(`Scorecard ${scorecard.period}`.slice(0, 31));
  const headers = [...SCORECARD_COLUMNS.map((column) => column.header), COMMENTARY_HEADER];
  sheet.addRow(headers);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  for (const indicator of scorecard.indicators) {
    const cells = [
      ...SCORECARD_COLUMNS.map((column) => column.value(indicator, scorecard)),
      exportedCommentary(scorecard, indicator, commentary),
    ];
    // exceljs writes strings as text, never formulas; the guard also keeps a copy-paste to CSV safe.
    const row = sheet.addRow(cells.map(safeCsvCell));
    SCORECARD_COLUMNS.forEach((column, index) => {
      if (column.numFmt) row.getCell(index + 1).numFmt = column.numFmt(indicator);
    });
  }
  headers.forEach((header, index) => {
    sheet.getColumn(index + 1).width =
      header === 'Indicator' || header === COMMENTARY_HEADER ? 60 : Math.max(12, header.length + 2);
  });

  const written = Buffer.from(await workbook.xlsx.writeBuffer());
  return withFixedZipTimes(written, generatedAt);
}

/** Rewrites a zip so that every entry carries `date` (zip writers stamp the current time). */
export async function withFixedZipTimes(zipBytes: Buffer, date: Date): Promise<Buffer> {
  const source = await JSZip.loadAsync(zipBytes);
  const target = new JSZip();
  const names = Object.keys(source.files).sort();
  for (const name of names) {
    const entry = source.files[name];
    if (!entry || entry.dir) continue;
    target.file(name, await entry.async('uint8array'), { date, createFolders: false });
  }
  return target.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
  });
}
