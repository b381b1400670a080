import type { Dataset } from '../types';

/**
 * The typed columns of every dataset, in data-contract order, as `validateSubmission` writes
 * them to Parquet. The snapshot's `src_<dataset>` tables are created from this list so that a
 * dataset with no accepted file still has its (empty) table and the models always run.
 */
export const SOURCE_COLUMNS: Record<Dataset, readonly (readonly [name: string, sqlType: string])[]> = {
  contacts: [
    ['contact_id', 'varchar'],
    ['child_id', 'varchar'],
    ['contact_datetime', 'timestamp'],
    ['source', 'varchar'],
    ['decision_datetime', 'timestamp'],
    ['outcome', 'varchar'],
  ],
  referrals: [
    ['referral_id', 'varchar'],
    ['child_id', 'varchar'],
    ['referral_date', 'date'],
    ['source', 'varchar'],
    ['contact_id', 'varchar'],
    ['primary_need_code', 'varchar'],
    ['closure_date', 'date'],
  ],
  assessments: [
    ['assessment_id', 'varchar'],
    ['child_id', 'varchar'],
    ['referral_id', 'varchar'],
    ['start_date', 'date'],
    ['authorised_date', 'date'],
    ['factors', 'varchar[]'],
    ['child_seen_alone', 'boolean'],
  ],
  strategy_discussions: [
    ['strategy_id', 'varchar'],
    ['child_id', 'varchar'],
    ['strategy_date', 'date'],
    ['concern_category', 'varchar'],
    ['sarc_invited', 'boolean'],
    ['s47_start_date', 'date'],
    ['icpc_date', 'date'],
    ['icpc_not_required', 'boolean'],
  ],
  cp_plans: [
    ['plan_id', 'varchar'],
    ['child_id', 'varchar'],
    ['start_date', 'date'],
    ['end_date', 'date'],
    ['initial_category', 'varchar'],
    ['latest_category', 'varchar'],
    ['previous_plans', 'integer'],
  ],
  cp_reviews: [
    ['review_id', 'varchar'],
    ['plan_id', 'varchar'],
    ['review_date', 'date'],
  ],
  conference_participation: [
    ['conference_id', 'varchar'],
    ['conference_type', 'varchar'],
    ['conference_date', 'date'],
    ['agency', 'varchar'],
    ['attended', 'boolean'],
    ['report_submitted_date', 'date'],
  ],
  early_help: [
    ['episode_id', 'varchar'],
    ['child_id', 'varchar'],
    ['start_date', 'date'],
    ['assessment_completed_date', 'date'],
    ['neglect_identified', 'boolean'],
    ['gcp2_completed_date', 'date'],
    ['end_date', 'date'],
  ],
  partner_returns: [
    ['agency', 'varchar'],
    ['indicator_code', 'varchar'],
    ['period', 'varchar'],
    ['numerator', 'double'],
    ['denominator', 'double'],
    ['note', 'varchar'],
  ],
  population: [
    ['year', 'integer'],
    ['age_band', 'varchar'],
    ['count', 'double'],
  ],
  comparators: [
    ['indicator_code', 'varchar'],
    ['year', 'varchar'],
    ['group', 'varchar'],
    ['value', 'double'],
  ],
  bank_holidays: [
    ['date', 'date'],
    ['title', 'varchar'],
  ],
};

/** Columns the build adds to every source row: where it came from. */
export const LINEAGE_COLUMNS = [
  ['_line', 'integer'],
  ['_submission_id', 'varchar'],
  ['_file_name', 'varchar'],
  ['_extract_date', 'date'],
  /**
   * The file's place among the dataset's files by (extract date, file name, submission id):
   * "latest wins" orders by it, so staging never depends on an engine's string collation.
   */
  ['_file_rank', 'integer'],
] as const;
