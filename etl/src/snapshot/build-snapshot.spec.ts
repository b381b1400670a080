import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_SCHEMA_VERSION, sqlString, withWarehouse, type Row } from '@oscp/warehouse';
import { RECORD_LEVEL_DATASETS, type AcceptedSubmission, type Dataset } from '../types';
import { buildSnapshot, buildWarehouse, checkpointUnlessBusy } from './build-snapshot';
import { runDataTests } from './data-tests';
import { dataTestsDir } from './paths';
import { SOURCE_COLUMNS } from './source-tables';
import { sqlLiteral, type SqlLiteral } from './sql-values';

let dir = '';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oscp-build-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes rows as `validateSubmission` would: the contract's typed columns, then `_line`. */
async function parquetSubmission(
  dataset: Dataset,
  fileName: string,
  extractDate: string,
  rows: Record<string, SqlLiteral>[],
): Promise<AcceptedSubmission> {
  const submissionId = `${dataset}-${fileName}`;
  const path = join(dir, `${submissionId}.parquet`);
  const columns = SOURCE_COLUMNS[dataset];
  const selects = rows.map(
    (row, index) =>
      `select ${columns.map(([name, type]) => `cast(${sqlLiteral(row[name] ?? null)} as ${type}) as "${name}"`).join(', ')}, ${index + 2} as _line`,
  );
  await withWarehouse({ path: ':memory:' }, async (warehouse) => {
    await warehouse.run(`copy (${selects.join(' union all ')}) to ${sqlString(path)} (format parquet)`);
  });
  return { submissionId, dataset, fileName, extractDate, parquetPath: path };
}

const contact = (id: string, at: string, decidedAt: string, outcome = 'NFA'): Record<string, SqlLiteral> => ({
  contact_id: id,
  child_id: `CH${id}`,
  contact_datetime: at,
  source: '6',
  decision_datetime: decidedAt,
  outcome,
});

/** Two contacts extracts: the later changes C2 (now decided the same day) and leaves C1 out, so C1 is kept. */
async function twoContactExtracts(): Promise<AcceptedSubmission[]> {
  return [
    await parquetSubmission('contacts', 'contacts_20241001.csv', '2024-10-01', [
      contact('C1', '2024-07-01 09:00', '2024-07-01 10:00'),
      contact('C2', '2024-07-02 09:00', '2024-07-10 10:00'),
    ]),
    await parquetSubmission('contacts', 'contacts_20241005.csv', '2024-10-05', [
      contact('C2', '2024-07-02 09:00', '2024-07-02 10:00', 'REFERRAL'),
    ]),
  ];
}

describe('buildSnapshot', () => {
  it('writes the scorecard, drill-through, meta, data quality and period tables, then renames the file', async () => {
    const submissions = [
      ...(await twoContactExtracts()),
      await parquetSubmission('cp_plans', 'cp_plans_20241001.csv', '2024-10-01', [
        { plan_id: 'P1', child_id: 'X', start_date: '2024-07-01', initial_category: 'NEG' },
      ]),
      await parquetSubmission('cp_reviews', 'cp_reviews_20241001.csv', '2024-10-01', [
        { review_id: 'V1', plan_id: 'P1', review_date: '2024-09-01' },
        { review_id: 'V2', plan_id: 'ZZ404', review_date: '2024-09-01' },
      ]),
    ];
    const outPath = join(dir, 'snap.duckdb');
    const result = await buildSnapshot({
      snapshotId: 'snap-1',
      outPath,
      submissions,
      runDate: '2024-11-20',
      laCode: 353,
      overrides: [],
    });

    expect(result.dataTestFailures).toEqual([]);
    expect(result.periods).toEqual(['2024-25 Q2']);
    expect(result.defaultPeriod).toBe('2024-25 Q2');
    expect(result.quarantinedByDataset.cp_reviews).toBe(1);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      dataset: 'cp_reviews',
      line: 3,
      column: 'plan_id',
      value: 'ZZ…(5)',
      rule: 'unknown_plan',
    });
    expect(existsSync(outPath)).toBe(true);
    expect(existsSync(`${outPath}.building`)).toBe(false);

    expect(existsSync(`${outPath}.building.tmp`)).toBe(false);

    await withWarehouse({ path: outPath, readOnly: true }, async (warehouse) => {
      const kept = await warehouse.all<{ name: string }>(`select table_name as name from duckdb_tables()`);
      const names = kept.map((row) => row.name);
      expect(names).toEqual(
        expect.arrayContaining(['qua_cp_reviews', 'mart_indicator_measures', 'calendar']),
      );
      // The accepted files are kept apart; the intermediate tables stay, as the drill-through reads them.
      expect(names.filter((name) => name.startsWith('src_'))).toEqual([]);
      expect(names).toEqual(expect.arrayContaining(['int_contacts_timed']));
      const views = await warehouse.all<{ name: string }>(
        `select view_name as name from duckdb_views() where not internal order by 1`,
      );
      expect(views.map((row) => row.name)).toEqual(
        expect.arrayContaining(['mart_indicator_records', 'scorecard_record']),
      );
      const fd02 = await warehouse.one<{ indicator: string }>(
        `select cast(indicator as varchar) as indicator from scorecard_indicator where period = '2024-25 Q2' and code = 'FD02'`,
      );
      expect(JSON.parse(fd02?.indicator ?? '{}')).toMatchObject({
        code: 'FD02',
        numerator: 2,
        denominator: 2,
        display: '100.0',
      });
      expect(
        await warehouse.all(`select code, position from scorecard_indicator order by position limit 2`),
      ).toEqual([
        { code: 'FD01', position: 1 },
        { code: 'FD02', position: 2 },
      ]);
      expect(
        await warehouse.all(
          `select part, dataset, record_id, child_id from scorecard_record where code = 'FD03' order by part, record_id`,
        ),
      ).toEqual([
        { part: 'denominator', dataset: 'contacts', record_id: 'C1', child_id: 'CHC1' },
        { part: 'denominator', dataset: 'contacts', record_id: 'C2', child_id: 'CHC2' },
        { part: 'numerator', dataset: 'contacts', record_id: 'C2', child_id: 'CHC2' },
      ]);
      const meta = Object.fromEntries(
        (await warehouse.all<{ key: string; value: string }>(`select key, value from snapshot_meta`)).map(
          (row) => [row.key, row.value],
        ),
      );
      expect(meta).toMatchObject({
        snapshot_id: 'snap-1',
        run_date: '2024-11-20',
        la_code: '353',
        default_period: '2024-25 Q2',
        covered_from: '2024-25 Q2',
        catalogue_version: '1',
      });
      expect(
        await warehouse.one(`select quarantined_rows from data_quality where dataset = 'cp_reviews'`),
      ).toEqual({ quarantined_rows: 1 });
      expect(
        await warehouse.all(
          `select period, cast(start_date as varchar) as s, cast(end_date as varchar) as e from period`,
        ),
      ).toEqual([{ period: '2024-25 Q2', s: '2024-07-01', e: '2024-09-30' }]);
    });
  });

  it('leaves the record-level staging tables out of the file and keeps the ones the API reads', async () => {
    const outPath = join(dir, 'snap.duckdb');
    const result = await buildSnapshot({
      snapshotId: 'snap-staging',
      outPath,
      submissions: [
        await parquetSubmission('contacts', 'contacts_20241001.csv', '2024-10-01', [
          contact('C1', '2024-07-01 09:00', '2024-07-01 10:00', 'REFERRAL'),
        ]),
        await parquetSubmission('referrals', 'referrals_20241001.csv', '2024-10-01', [
          { referral_id: 'R1', child_id: 'CHC1', referral_date: '2024-07-01', source: '6', contact_id: 'C1' },
        ]),
        await parquetSubmission('partner_returns', 'partner_returns_20241001.csv', '2024-10-01', [
          { agency: 'POLICE', indicator_code: 'PT04', period: '2024-25 Q2', numerator: 12 },
        ]),
        await parquetSubmission('bank_holidays', 'bank_holidays_20241001.csv', '2024-10-01', [
          { date: '2024-12-24', title: 'Council closure (Christmas Eve)' },
        ]),
      ],
      runDate: '2024-11-20',
      laCode: 353,
      overrides: [],
    });
    expect(result.dataTestFailures).toEqual([]);

    await withWarehouse({ path: outPath, readOnly: true }, async (warehouse) => {
      const tables = (
        await warehouse.all<{ name: string }>(`select table_name as name from duckdb_tables() order by 1`)
      ).map((row) => row.name);
      expect(tables.filter((name) => name.startsWith('stg_'))).toEqual([
        'stg_bank_holidays',
        'stg_partner_returns',
      ]);
      for (const dataset of RECORD_LEVEL_DATASETS) expect(tables).not.toContain(`stg_${dataset}`);
      // The build still staged the records: the intermediate tables made from them are kept.
      expect(
        await warehouse.all(`select referral_id, child_id from int_referrals_rereferral_flagged`),
      ).toEqual([{ referral_id: 'R1', child_id: 'CHC1' }]);
      expect(
        await warehouse.all(`select agency, indicator_code, _file_name as file from stg_partner_returns`),
      ).toEqual([{ agency: 'POLICE', indicator_code: 'PT04', file: 'partner_returns_20241001.csv' }]);
      expect(
        await warehouse.all(`select cast(holiday_date as varchar) as holiday from stg_bank_holidays`),
      ).toEqual([{ holiday: '2024-12-24' }]);
    });
  }, 30_000);

  it('records the files the run rejected and the snapshot layout it was written in', async () => {
    const outPath = join(dir, 'snap.duckdb');
    const result = await buildSnapshot({
      snapshotId: 'snap-2',
      outPath,
      submissions: [
        await parquetSubmission('contacts', 'contacts_20241001.csv', '2024-10-01', [
          contact('C1', '2024-07-01 09:00', '2024-07-01 10:00'),
        ]),
      ],
      runDate: '2024-11-20',
      laCode: 353,
      overrides: [],
      rejectedFilesByDataset: { referrals: 2 },
    });
    expect(result.dataTestFailures).toEqual([]);
    await withWarehouse({ path: outPath, readOnly: true }, async (warehouse) => {
      expect(
        await warehouse.all(
          `select dataset, rejected_files from data_quality where dataset in ('contacts', 'referrals') order by 1`,
        ),
      ).toEqual([
        { dataset: 'contacts', rejected_files: 0 },
        { dataset: 'referrals', rejected_files: 2 },
      ]);
      expect(await warehouse.one(`select value from snapshot_meta where key = 'schema_version'`)).toEqual({
        value: String(SNAPSHOT_SCHEMA_VERSION),
      });
    });
  }, 30_000);

  it("names the LA's own region and compares with that region's figures (Leeds: Yorkshire and The Humber)", async () => {
    const outPath = join(dir, 'snap.duckdb');
    await buildSnapshot({
      snapshotId: 'snap-leeds',
      outPath,
      submissions: [
        await parquetSubmission('contacts', 'contacts_20241001.csv', '2024-10-01', [
          contact('C1', '2024-07-01 09:00', '2024-07-01 10:00'),
        ]),
      ],
      runDate: '2024-11-20',
      laCode: 383,
      overrides: [],
    });
    await withWarehouse({ path: outPath, readOnly: true }, async (warehouse) => {
      expect(await warehouse.one(`select value from snapshot_meta where key = 'region_name'`)).toEqual({
        value: 'Yorkshire and The Humber',
      });
      const fd04 = await warehouse.one<{ indicator: string }>(
        `select cast(indicator as varchar) as indicator from scorecard_indicator where period = '2024-25 Q2' and code = 'FD04'`,
      );
      const comparators = (
        JSON.parse(fd04?.indicator ?? '{}') as { comparators: { year: string; region: number } }
      ).comparators;
      // DfE 2025 Regional Yorkshire and The Humber: referrals 63590 / ONS mid-2024 children 1181103.
      expect(comparators.year).toBe('2024-25');
      expect(comparators.region).toBeCloseTo((63590 / 1181103) * 10_000, 9);
    });
  }, 30_000);

  it('reads an inbox comparator of the older group name NORTH_WEST as the region', async () => {
    const outPath = join(dir, 'snap.duckdb');
    await buildSnapshot({
      snapshotId: 'snap-nw',
      outPath,
      submissions: [
        await parquetSubmission('contacts', 'contacts_20241001.csv', '2024-10-01', [
          contact('C1', '2024-07-01 09:00', '2024-07-01 10:00'),
        ]),
        await parquetSubmission('comparators', 'comparators_20241001.csv', '2024-10-01', [
          { indicator_code: 'FD05', year: '2024-25', group: 'NORTH_WEST', value: 33.3 },
          { indicator_code: 'FD05', year: '2024-25', group: 'ENGLAND', value: 30.1 },
        ]),
      ],
      runDate: '2024-11-20',
      laCode: 353,
      overrides: [],
    });
    await withWarehouse({ path: outPath, readOnly: true }, async (warehouse) => {
      const fd05 = await warehouse.one<{ indicator: string }>(
        `select cast(indicator as varchar) as indicator from scorecard_indicator where period = '2024-25 Q2' and code = 'FD05'`,
      );
      expect(JSON.parse(fd05?.indicator ?? '{}')).toMatchObject({
        comparators: { year: '2024-25', england: 30.1, region: 33.3 },
      });
      expect(await warehouse.one(`select value from snapshot_meta where key = 'region_name'`)).toEqual({
        value: 'North West',
      });
    });
  }, 30_000);

  it('fails on a data test, names it, and leaves no snapshot file behind', async () => {
    // Validation would have quarantined a decision before its contact; the data test is the backstop.
    const submissions = [
      await parquetSubmission('contacts', 'contacts_20241001.csv', '2024-10-01', [
        contact('C1', '2024-07-02 09:00', '2024-07-01 10:00'),
      ]),
    ];
    const outPath = join(dir, 'snap.duckdb');
    const result = await buildSnapshot({
      snapshotId: 'snap-2',
      outPath,
      submissions,
      runDate: '2024-11-20',
      laCode: 353,
      overrides: [],
    });
    expect(result.dataTestFailures).toEqual([
      {
        test: 'staging_dates_in_order',
        failingRows: 1,
        description: expect.stringContaining('later date before an earlier one'),
      },
    ]);
    expect(existsSync(outPath)).toBe(false);
    expect(existsSync(`${outPath}.building`)).toBe(false);
  });

  it('throws a plain-English error naming the file that could not be loaded, and removes the half-built file', async () => {
    const missing: AcceptedSubmission = {
      submissionId: 's1',
      dataset: 'referrals',
      fileName: 'referrals_20241001.csv',
      extractDate: '2024-10-01',
      parquetPath: join(dir, 'gone.parquet'),
    };
    const outPath = join(dir, 'snap.duckdb');
    await expect(
      buildSnapshot({
        snapshotId: 'snap-3',
        outPath,
        submissions: [missing],
        runDate: '2024-11-20',
        laCode: 353,
        overrides: [],
      }),
    ).rejects.toThrow(
      /snap-3 could not be built\. Loading the accepted files failed: the accepted rows of referrals_20241001\.csv \(referrals\) could not be read/,
    );
    expect(existsSync(`${outPath}.building`)).toBe(false);
  });

  it('builds an empty snapshot (no periods, no default) when nothing has been accepted', async () => {
    const outPath = join(dir, 'snap.duckdb');
    const result = await buildSnapshot({
      snapshotId: 'snap-4',
      outPath,
      submissions: [],
      runDate: '2024-11-20',
      laCode: 353,
      overrides: [],
    });
    expect(result).toMatchObject({ periods: [], defaultPeriod: null, dataTestFailures: [] });
    expect(existsSync(outPath)).toBe(true);
  });
});

describe('buildWarehouse releasing the source tables', () => {
  it('drops every src_ table once staged and builds the same measures and calendar as a build that keeps them', async () => {
    const submissions = await twoContactExtracts();
    const options = { submissions, runDate: '2024-11-20', laCode: 353 };
    const build = (releaseSourceTables: boolean) =>
      withWarehouse({ path: ':memory:' }, async (warehouse) => {
        const outcome = await buildWarehouse(warehouse, { ...options, releaseSourceTables });
        // A dataset read in place from its Parquet has a view rather than a table (loadSubmissions).
        const tables = await warehouse.all<{ name: string }>(
          `select table_name as name from information_schema.tables where table_name like 'src\\_%' escape '\\' order by 1`,
        );
        const measures = await warehouse.all<Row>(
          `select * from mart_indicator_measures order by code, period`,
        );
        const calendar = await warehouse.one<{ days: number; first: string; last: string }>(
          `select cast(count(*) as integer) as days, cast(min(calendar_date) as varchar) as first, cast(max(calendar_date) as varchar) as last from calendar`,
        );
        return { outcome, sourceTables: tables.map((row) => row.name), measures, calendar };
      });

    const kept = await build(false);
    const released = await build(true);

    expect(kept.sourceTables).toContain('src_contacts');
    expect(released.sourceTables).toEqual([]);
    expect(released.measures.length).toBeGreaterThan(0);
    expect(released.measures).toEqual(kept.measures);
    expect(released.calendar).toEqual(kept.calendar);
    expect(released.outcome.periods).toEqual(kept.outcome.periods);
    expect(released.outcome.coveredFrom).toEqual(kept.outcome.coveredFrom);
  });
});

describe('the data test of the drill-through against the measures', () => {
  /** The failures of every data test on a build of two contacts extracts, after `tamper` changed it. */
  const failuresAfter = async (tamper: string | null): Promise<string[]> => {
    const submissions = await twoContactExtracts();
    return withWarehouse({ path: ':memory:' }, async (warehouse) => {
      await buildWarehouse(warehouse, { submissions, runDate: '2024-11-20', laCode: 353 });
      if (tamper !== null) await warehouse.run(tamper);
      return (await runDataTests(warehouse, dataTestsDir())).map((failure) => failure.test);
    });
  };
  // Measures of the contacts' quarter: FD01 a count, FD02 a percentage.
  const measure = (code: string): string => `code = '${code}' and period = '2024-25 Q2' and status = 'ok'`;

  it('passes when the records add up to every measure', async () => {
    expect(await failuresAfter(null)).toEqual([]);
  });

  it('fails when a numerator is not the count of its drill-through records', async () => {
    expect(
      await failuresAfter(
        `update mart_indicator_measures set numerator = numerator + 1 where ${measure('FD01')}`,
      ),
    ).toEqual(['mart_indicator_records_match_measures']);
  });

  it("fails when a percentage's denominator is not the count of its drill-through records", async () => {
    expect(
      await failuresAfter(
        `update mart_indicator_measures set denominator = denominator - 1 where ${measure('FD02')}`,
      ),
    ).toContain('mart_indicator_records_match_measures');
  });

  it('fails when a record of a counted quarter is missing from the drill-through', async () => {
    expect(await failuresAfter(`delete from int_contacts_timed where contact_id = 'C1'`)).toEqual([
      'mart_indicator_records_match_measures',
    ]);
  });
});

describe('checkpointUnlessBusy', () => {
  it('leaves the checkpoint for later while another connection’s write transaction has read the file, and makes it once that ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oscp-checkpoint-'));
    try {
      await withWarehouse({ path: ':memory:' }, async (models) => {
        const writer = await models.connect();
        try {
          await writer.run(`attach ${sqlString(join(dir, 'file.duckdb'))} as snapshot_file`);
          await writer.run('create table snapshot_file.main.kept as select range as i from range(1000)');
          // The models' connection, in a write transaction that has read the file's catalogue...
          await models.run('begin');
          await models.run('create table copied as select * from snapshot_file.main.kept');
          // ... while a table written to the file waits for a checkpoint.
          await writer.run('create table snapshot_file.main.more as select 1 as i');
          await expect(writer.run('checkpoint snapshot_file')).rejects.toThrow(/Cannot CHECKPOINT/);
          await expect(checkpointUnlessBusy(writer, 'snapshot_file')).resolves.toBeUndefined();
          await models.run('commit');
          await checkpointUnlessBusy(writer, 'snapshot_file');
          await expect(checkpointUnlessBusy(writer, 'no_such_database')).rejects.toThrow(/no_such_database/);
          await writer.run('detach snapshot_file');
        } finally {
          writer.close();
        }
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
