import { describe, expect, it } from 'vitest';
import {
  createSnapshotTableSql,
  isSnapshotTable,
  SNAPSHOT_SCHEMA_VERSION,
  snapshotMetaRows,
  snapshotSchemaProblem,
} from './snapshot-schema';

const values = {
  snapshotId: 'snap-1',
  generatedAt: '2025-06-30T01:02:03.000Z',
  runDate: '2025-06-30',
  laCode: '353',
  regionName: 'North West',
  catalogueVersion: '1',
  defaultPeriod: null,
  coveredFrom: '2022-23 Q1',
  returnDueWorkingDays: '{}',
};

describe('the snapshot schema', () => {
  it('writes the schema version into every snapshot_meta', () => {
    expect(snapshotMetaRows(values)).toEqual([
      ['schema_version', String(SNAPSHOT_SCHEMA_VERSION)],
      ['snapshot_id', 'snap-1'],
      ['generated_at', '2025-06-30T01:02:03.000Z'],
      ['run_date', '2025-06-30'],
      ['la_code', '353'],
      ['region_name', 'North West'],
      ['catalogue_version', '1'],
      ['default_period', null],
      ['covered_from', '2022-23 Q1'],
      ['return_due_working_days', '{}'],
    ]);
  });

  it('reads a snapshot of its own version', () => {
    expect(snapshotSchemaProblem(new Map(snapshotMetaRows(values)))).toBeNull();
  });

  it('explains that a snapshot without a version is from an older product, and what to do', () => {
    expect(snapshotSchemaProblem(new Map([['snapshot_id', 'snap-1']]))).toBe(
      `This snapshot was built by an older version of this product; this version reads snapshot layout ${SNAPSHOT_SCHEMA_VERSION}. Run the ETL again to build a snapshot it can read.`,
    );
  });

  it('names the layout of a snapshot from another version', () => {
    expect(snapshotSchemaProblem(new Map([['schema_version', '99']]))).toContain(
      'built by snapshot layout 99',
    );
  });

  it('keeps the scorecard tables and the model tables, not the loaded source tables', () => {
    expect(
      [
        'scorecard_indicator',
        'qua_cp_reviews',
        'int_contacts_timed',
        'mart_indicator_measures',
        'ref_dfe_population',
      ].every(isSnapshotTable),
    ).toBe(true);
    expect(isSnapshotTable('src_contacts')).toBe(false);
  });

  it('keeps the staging tables the API reads and leaves out the others', () => {
    expect(isSnapshotTable('stg_partner_returns')).toBe(true);
    expect(isSnapshotTable('stg_bank_holidays')).toBe(true);
    const recordLevel = [
      'stg_contacts',
      'stg_referrals',
      'stg_assessments',
      'stg_early_help',
      'stg_strategy_discussions',
      'stg_cp_plans',
      'stg_cp_reviews',
      'stg_conference_participation',
    ];
    expect(recordLevel.filter(isSnapshotTable)).toEqual([]);
  });

  it('creates a table with its columns in order', () => {
    expect(createSnapshotTableSql('data_quality')).toBe(
      'create table "data_quality" ("dataset" varchar, "quarantined_rows" integer, "rejected_files" integer)',
    );
  });
});
