import type { QualityFinding } from '@oscp/contracts';
import { stringify } from 'csv-stringify/sync';
import { safeCsvCell } from '../security/csv-safety';

export const FINDINGS_CSV_COLUMNS = [
  'kind',
  'dataset',
  'file',
  'line',
  'column',
  'value',
  'rule',
  'message',
] as const;

/**
 * A text cell a spreadsheet could run as a formula (starting `=`, `+`, `-`, `@`, tab or carriage
 * return) gets a leading `'`, so it opens as text: the product's one rule, `safeCsvCell`.
 */
export function spreadsheetSafe(value: string | number | null): string | number | null {
  const safe = safeCsvCell(value);
  return typeof safe === 'string' || typeof safe === 'number' ? safe : null;
}

export function findingsCsvHeader(): string {
  return stringify([FINDINGS_CSV_COLUMNS as unknown as string[]]);
}

export function findingsCsvRows(findings: QualityFinding[]): string {
  const rows = findings.map((finding) =>
    [
      finding.kind,
      finding.dataset,
      finding.fileName,
      finding.line,
      finding.column,
      finding.value,
      finding.rule,
      finding.message,
    ].map(spreadsheetSafe),
  );
  return stringify(rows);
}
