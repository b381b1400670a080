import { sqlIdentifier, sqlString, type Warehouse } from '@oscp/warehouse';
import type { AcceptedSubmission } from '../types';
import { CENSUS_DATASETS, CENSUS_RECORD_KEY, type CensusDataset } from './census-columns';

/** Which kind of file fed a dataset's records in a quarter, where a census was one of the candidates. */
export type QuarterSource = {
  dataset: CensusDataset;
  /** Financial-year quarter, `2021-22 Q3`. */
  period: string;
  source: 'cin_census' | 'extract';
  /** The newest file of that kind with the quarter (the one that decided it). */
  fileName: string;
  extractDate: string;
};

/** The date that places a record in a quarter when census and extracts are compared. */
const RECORD_DATE: Record<CensusDataset, string> = {
  referrals: 'referral_date',
  assessments: 'start_date',
  strategy_discussions: 'strategy_date',
  cp_plans: 'start_date',
  cp_reviews: 'review_date',
};

/** `YYYY-YY Qn` of a date column, in SQL (financial year from 1 April). */
function quarterSql(column: string): string {
  const shifted = `(${column} - interval 3 month)`;
  return `printf('%d-%02d Q%d', year(${shifted}), (year(${shifted}) + 1) % 100, quarter(${shifted}))`;
}

/**
 * Census and CSV extracts give the same referral, plan or review different ids, so the
 * per-record "latest wins" cannot choose between them. Instead, per record-level dataset and
 * financial-year quarter (by the record's own date: referral date, start date, S47 start date,
 * review date), the rows of one kind of source are kept: the kind of the newest file (by extract
 * date, then file name: the `_file_rank` order) holding that quarter. A census holds the four
 * quarters of its census year (even where it has no record in one) and any earlier quarter it
 * has records in; an extract holds the quarters it has records in. Rows of the other kind in
 * that quarter are removed before staging, and a review goes with its plan. Within a kind the
 * usual per-record rule still applies (two censuses of the same year: the later one's version
 * of each record wins, since its ids are stable).
 *
 * Fills the snapshot table `source_by_quarter` (dataset, period, source, file_name,
 * extract_date; created empty with the source tables) for every quarter a census took part in,
 * and answers it.
 */
export async function chooseCensusOrExtracts(
  warehouse: Warehouse,
  submissions: readonly AcceptedSubmission[],
): Promise<QuarterSource[]> {
  const census = submissions.filter((submission) => submission.dataset === 'cin_census');
  if (census.length === 0) return [];
  await warehouse.run(`create temp table census_files (submission_id varchar, reference_date date)`);
  for (const submission of census) {
    await warehouse.run(
      `insert into census_files
       select ${sqlString(submission.submissionId)}, max(_reference_date) from read_parquet(${sqlString(submission.parquetPath)})`,
    );
  }
  await warehouse.run(`create temp table dropped_plans (plan_id varchar)`);
  for (const dataset of CENSUS_DATASETS) {
    if (dataset === 'cp_reviews') continue;
    await chooseFor(warehouse, dataset);
  }
  // A review follows its plan: the reviews of plans removed above go too (else they would be orphans).
  await warehouse.run(
    `delete from src_cp_reviews
     where plan_id in (select plan_id from dropped_plans) and plan_id not in (select plan_id from src_cp_plans)`,
  );
  await warehouse.run(`drop table dropped_plans`);
  await warehouse.run(`drop table census_files`);
  return readQuarterSources(warehouse);
}

export async function readQuarterSources(warehouse: Warehouse): Promise<QuarterSource[]> {
  return warehouse.all<QuarterSource>(
    `select dataset, period, source, file_name as "fileName", cast(extract_date as varchar) as "extractDate"
     from source_by_quarter order by dataset, period`,
  );
}

async function chooseFor(warehouse: Warehouse, dataset: Exclude<CensusDataset, 'cp_reviews'>): Promise<void> {
  const table = sqlIdentifier(`src_${dataset}`);
  const date = sqlIdentifier(RECORD_DATE[dataset]);
  const quarter = quarterSql(date);
  // Every (file, quarter) a file holds, with its kind and rank; then the newest file per quarter.
  await warehouse.run(`create temp table quarter_winner as
    with files as (
      select distinct _submission_id, _file_name, _extract_date, _file_rank,
             _submission_id in (select submission_id from census_files) as is_census
      from ${table}
    ),
    holdings as (
      select distinct _submission_id, ${quarter} as period from ${table} where ${date} is not null
      union
      select files._submission_id, ${quarterSql('(census_files.reference_date - to_months(q.months_back))')}
      from files
      inner join census_files on census_files.submission_id = files._submission_id
      cross join (values (0), (3), (6), (9)) as q (months_back)
    ),
    ranked as (
      select holdings.period, files.*,
             row_number() over (partition by holdings.period order by files._file_rank desc) as newest,
             bool_or(files.is_census) over (partition by holdings.period) as census_holds
      from holdings inner join files using (_submission_id)
    )
    select period, is_census, _file_name, _extract_date from ranked where newest = 1 and census_holds`);
  await warehouse.run(
    `insert into source_by_quarter
     select ${sqlString(dataset)}, period, case when is_census then 'cin_census' else 'extract' end, _file_name, _extract_date
     from quarter_winner`,
  );
  const losing = `${date} is not null and exists (
      select 1 from quarter_winner
      where quarter_winner.period = ${quarter}
        and quarter_winner.is_census <> (${table}._submission_id in (select submission_id from census_files)))`;
  if (dataset === 'cp_plans') {
    await warehouse.run(
      `insert into dropped_plans select ${sqlIdentifier(CENSUS_RECORD_KEY[dataset])} from ${table} where ${losing}`,
    );
  }
  await warehouse.run(`delete from ${table} where ${losing}`);
  await warehouse.run(`drop table quarter_winner`);
}
