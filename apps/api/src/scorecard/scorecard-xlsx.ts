import JSZip from 'jszip';
import type { Scorecard } from '@oscp/contracts';
import { safeCsvCell } from '../security/csv-safety';
import { SCORECARD_COLUMNS, scorecardRows } from './scorecard-columns';

/**
 * The scorecard as an XLSX workbook: a header row and one row per indicator. The same
 * scorecard always gives the same bytes: the workbook's dates come from the snapshot's
 * `generatedAt`, and so do the times of the files inside the zip.
 */
export async function scorecardXlsx(scorecard: Scorecard): Promise<Buffer> {
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
  sheet.addRow(SCORECARD_COLUMNS.map((column) => column.name));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of scorecardRows(scorecard)) {
    // exceljs writes strings as text, never formulas; the guard also keeps a copy-paste to CSV safe.
    sheet.addRow(row.map(safeCsvCell));
  }
  sheet.columns.forEach((column, index) => {
    const definition = SCORECARD_COLUMNS[index];
    column.width = definition?.name === 'title' ? 60 : 16;
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
