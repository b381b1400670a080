import type { Warehouse } from '@oscp/warehouse';

/** A partner return the scorecard counted: its owner agency's row for an indicator and quarter. */
export type ReturnRow = {
  agency: string;
  code: string;
  period: string;
  submissionId: string | null;
  fileName: string | null;
  /** The earliest file that held the return (when it was first received). */
  firstSubmissionId: string | null;
};

/**
 * The returns the scorecard counted, read from the same model the scorecard's "own return
 * missing" comes from (`int_partner_returns_by_period`), with the file each came from.
 */
export async function readCountedReturns(warehouse: Warehouse): Promise<ReturnRow[]> {
  // Snapshots built before stg_partner_returns recorded the first file have no such column.
  const hasFirst =
    (
      await warehouse.all<{ n: number }>(
        `select count(*)::integer as n from duckdb_columns()
         where database_name = current_database() and table_name = 'stg_partner_returns'
           and column_name = '_first_submission_id'`,
      )
    )[0]?.n === 1;
  return warehouse.all<ReturnRow>(
    `select counted.agency::varchar as agency,
            counted.code::varchar as code,
            counted."period"::varchar as "period",
            stg._submission_id::varchar as "submissionId",
            stg._file_name::varchar as "fileName",
            ${hasFirst ? 'stg._first_submission_id::varchar' : 'null::varchar'} as "firstSubmissionId"
     from int_partner_returns_by_period as counted
     left join stg_partner_returns as stg
        on stg.agency = counted.agency
        and stg.indicator_code = counted.code
        and stg."period" = counted."period"
     order by 3, 2`,
  );
}

/** The extra holidays (inbox `bank_holidays`) the snapshot's calendar used. */
export async function readExtraHolidays(warehouse: Warehouse): Promise<string[]> {
  const rows = await warehouse.all<{ holiday: string }>(
    `select cast(holiday_date as varchar) as holiday from stg_bank_holidays where holiday_date is not null order by 1`,
  );
  return rows.map((row) => row.holiday);
}

/** The due days by agency the snapshot's build applied (`{}` for a snapshot from before they existed). */
export async function readDueDays(warehouse: Warehouse): Promise<Record<string, number>> {
  const rows = await warehouse.all<{ value: string | null }>(
    `select value::varchar as value from snapshot_meta where key = 'return_due_working_days'`,
  );
  const text = rows[0]?.value;
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null) return {};
  return Object.fromEntries(
    Object.entries(parsed).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
  );
}
