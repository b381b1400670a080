import { datasetColumns } from '../contracts';

/**
 * The typed columns of every dataset, in data-contract order, as `validateSubmission` writes
 * them to Parquet: derived from `etl/contracts`, the only list of them. The snapshot's
 * `src_<dataset>` tables are created from this list so that a dataset with no accepted file still
 * has its (empty) table and the models always run.
 */
export const SOURCE_COLUMNS = datasetColumns();

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
