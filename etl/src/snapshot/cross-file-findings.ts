import type { Warehouse } from '@oscp/warehouse';
import type { Finding } from '../types';
import { findingValue } from '../validation/mask';

interface QuarantineRow {
  file_name: string;
  line: number;
  column_name: string;
  offending_value: string | null;
  rule: string;
  plan_start_date: string | null;
  [column: string]: string | number | null;
}

/** What each cross-file rule checks, in words, for a finding's message. */
const RULE_TEXT: Record<string, (row: QuarantineRow, shown: string) => string> = {
  unknown_plan: (_row, shown) =>
    `plan_id ${shown} is not a plan in any accepted cp_plans file, so the review cannot be linked to a plan`,
  before_plan_start: (row, shown) =>
    `review_date ${shown} is before the plan's start_date (${row.plan_start_date ?? 'unknown'})`,
};

/**
 * Findings of the rules that need more than one dataset (the quarantine models): each a row
 * left out of staging, with its file, line, column, value (`*_id` masked) and rule.
 */
export async function readCrossFileFindings(warehouse: Warehouse): Promise<Finding[]> {
  const rows = await warehouse.all<QuarantineRow>(
    `select _file_name as file_name, _line as line, column_name, offending_value, rule,
            cast(plan_start_date as varchar) as plan_start_date
     from qua_cp_reviews
     order by _file_name, _line, rule`,
  );
  return rows.map((row): Finding => {
    const value = row.offending_value === null ? null : findingValue(row.column_name, row.offending_value);
    const explain = RULE_TEXT[row.rule];
    const reason = explain ? explain(row, value ?? '(blank)') : `the rule ${row.rule} failed`;
    return {
      kind: 'row_quarantined',
      dataset: 'cp_reviews',
      fileName: row.file_name,
      line: row.line,
      column: row.column_name,
      value,
      rule: row.rule,
      message: `${row.file_name}, line ${row.line}, column ${row.column_name}: ${reason} (rule ${row.rule}). The row was quarantined.`,
    };
  });
}
