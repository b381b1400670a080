import { SOURCE_COLUMNS } from '../snapshot/source-tables';
import type { Dataset } from '../types';

/** The record-level datasets a CIN census feeds, in the order its records are listed. */
export const CENSUS_DATASETS = [
  'referrals',
  'assessments',
  'strategy_discussions',
  'cp_plans',
  'cp_reviews',
] as const satisfies readonly Dataset[];
export type CensusDataset = (typeof CENSUS_DATASETS)[number];

/** The generated id of each record-level dataset a census feeds. */
export const CENSUS_RECORD_KEY: Record<CensusDataset, string> = {
  referrals: 'referral_id',
  assessments: 'assessment_id',
  strategy_discussions: 'strategy_id',
  cp_plans: 'plan_id',
  cp_reviews: 'review_id',
};

export function isCensusDataset(dataset: string): dataset is CensusDataset {
  return (CENSUS_DATASETS as readonly string[]).includes(dataset);
}

/**
 * The columns of a census file's Parquet: `_dataset` (which `src_<dataset>` the row belongs
 * to), `_line` (the XML line of the record's element), `_reference_date` (the census date), then
 * every column of the fed datasets once (a name shared by two datasets has the same type in
 * both). One file per submission keeps the pipeline's one-Parquet-per-file bookkeeping.
 */
export const CENSUS_PARQUET_COLUMNS: readonly (readonly [name: string, sqlType: string])[] = [
  ['_dataset', 'varchar'],
  ['_line', 'integer'],
  ['_reference_date', 'date'],
  ...uniqueColumns(),
];

function uniqueColumns(): [string, string][] {
  const seen = new Map<string, string>();
  for (const dataset of CENSUS_DATASETS) {
    for (const [name, type] of SOURCE_COLUMNS[dataset]) {
      const known = seen.get(name);
      if (known !== undefined && known !== type)
        throw new Error(`The census column ${name} has two types (${known}, ${type}).`);
      seen.set(name, type);
    }
  }
  return [...seen.entries()];
}
