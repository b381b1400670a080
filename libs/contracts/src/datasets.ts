/** The datasets of data contract v1, in the order the product lists them. */
export const DATASETS = [
  'contacts',
  'referrals',
  'assessments',
  'strategy_discussions',
  'cp_plans',
  'cp_reviews',
  'conference_participation',
  'early_help',
  'partner_returns',
  'population',
  'comparators',
  'bank_holidays',
] as const;
export type Dataset = (typeof DATASETS)[number];

/** The partnership's agencies (the data contract's `agency` code list; a test keeps them equal). */
export const AGENCY_CODES = [
  'CSC',
  'EARLY_HELP',
  'POLICE',
  'HEALTH',
  'EDUCATION',
  'PROBATION',
  'HOUSING',
  'YJS',
  'SARC',
  'OSCP',
  'OTHER',
] as const;
export type AgencyCode = (typeof AGENCY_CODES)[number];
