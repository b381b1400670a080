import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFoundException } from '@nestjs/common';
import { quarterEnd, quarterStart, quartersBetween } from '@oscp/calendar';
import type { DataQualityNote, SnapshotSummary } from '@oscp/contracts';
import { buildScorecards, catalogue, type IndicatorMeasure } from '@oscp/scorecard';
import {
  ReadOnlyWarehousePool,
  SNAPSHOT_SCHEMA_VERSION,
  withWarehouse,
  type Warehouse,
} from '@oscp/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunDataQuality, SnapshotAccess, type ServedSnapshot } from './snapshot-access';
import { OutdatedSnapshotError } from './snapshot-reader';
import { ScorecardService } from './scorecard.service';

const PERIODS = quartersBetween('2022-23 Q1', '2024-25 Q4');
const SNAPSHOT_ID = '0b0e7c8e-3a52-4c7e-9a51-3f1f1f7f0001';
const RUN_ID = '0b0e7c8e-3a52-4c7e-9a51-3f1f1f7f00aa';

/** What the runs recorded: the validator quarantined 16 contacts and the run rejected one referrals file. */
class RecordedRunQuality extends RunDataQuality {
  async forSnapshot(snapshot: ServedSnapshot): Promise<DataQualityNote[]> {
    if (snapshot.runId !== RUN_ID) return [];
    return [
      { dataset: 'contacts', quarantinedRows: 16, rejectedFiles: 0 },
      { dataset: 'referrals', quarantinedRows: 0, rejectedFiles: 1 },
    ];
  }
}

/** Measures for every indicator and period: FD01 counts 100 + 10 per quarter, FD02 small in 2024-25 Q3. */
function measures(): IndicatorMeasure[] {
  const out: IndicatorMeasure[] = [];
  PERIODS.forEach((period, index) => {
    for (const definition of catalogue) {
      const isCount = definition.unit === 'count';
      const isRate = definition.unit === 'rate10k' || definition.unit === 'rate100k';
      let numerator = 100 + 10 * index;
      let denominator: number | null = isCount ? null : isRate ? 60_000 : 200;
      if (definition.code === 'FD02' && period === '2024-25 Q3') {
        numerator = 3;
        denominator = 4;
      }
      out.push({
        code: definition.code,
        period,
        numerator,
        denominator,
        status: 'ok',
        ownReturnMissing: false,
        breakdown:
          definition.code === 'FD06' ? [{ key: 'Police', numerator: 2, denominator: numerator }] : [],
      });
    }
  });
  return out;
}

async function writeSnapshot(path: string): Promise<void> {
  const byPeriod = buildScorecards({
    measures: measures(),
    runDate: '2025-06-30',
    overrides: [],
    comparators: [],
    extraHolidays: [],
  });
  await withWarehouse({ path }, async (warehouse: Warehouse) => {
    await warehouse.run(`create table snapshot_meta(key varchar, value varchar)`);
    const meta: Record<string, string> = {
      schema_version: String(SNAPSHOT_SCHEMA_VERSION),
      snapshot_id: SNAPSHOT_ID,
      generated_at: '2025-06-30T01:02:03.000Z',
      run_date: '2025-06-30',
      la_code: '202',
      region_name: 'London',
      catalogue_version: '1',
      default_period: '2024-25 Q4',
    };
    for (const [key, value] of Object.entries(meta)) {
      await warehouse.run('insert into snapshot_meta values ($key, $value)', { key, value });
    }
    await warehouse.run(`create table "period"("period" varchar, start_date date, end_date date)`);
    for (const period of PERIODS) {
      await warehouse.run(`insert into "period" values ($p, $s::date, $e::date)`, {
        p: period,
        s: quarterStart(period),
        e: quarterEnd(period),
      });
    }
    await warehouse.run(
      `create table scorecard_indicator("period" varchar, code varchar, position integer, indicator json)`,
    );
    for (const [period, indicators] of byPeriod) {
      for (const [position, indicator] of indicators.entries()) {
        await warehouse.run(
          `insert into scorecard_indicator values ($period, $code, $position, $json::json)`,
          {
            period,
            code: indicator.code,
            position,
            json: JSON.stringify(indicator),
          },
        );
      }
    }
    await warehouse.run(
      `create table scorecard_record("period" varchar, code varchar, part varchar, dataset varchar, record_id varchar, child_id varchar)`,
    );
    await warehouse.run(
      `insert into scorecard_record
       select '2024-25 Q3', 'FD02', case when i < 3 then 'numerator' else 'denominator' end, 'contacts', 'C' || lpad(i::varchar, 4, '0'), 'CH' || i
       from range(7) t(i)`,
    );
    await warehouse.run(
      `create table data_quality(dataset varchar, quarantined_rows integer, rejected_files integer)`,
    );
    await warehouse.run(`insert into data_quality values ('contacts', 19, 0), ('referrals', 7, 1)`);
  });
}

class FileSnapshots extends SnapshotAccess {
  readonly pool = new ReadOnlyWarehousePool();
  constructor(private readonly path: string) {
    super();
  }
  async find(id?: string): Promise<ServedSnapshot | null> {
    if (id !== undefined && id !== SNAPSHOT_ID) return null;
    return { id: SNAPSHOT_ID, runId: RUN_ID, path: this.path, current: true, notice: null };
  }
  use<T>(snapshot: ServedSnapshot, work: (warehouse: Warehouse) => Promise<T>): Promise<T> {
    return this.pool.use(snapshot.path, work);
  }
  async list(): Promise<{ items: SnapshotSummary[]; total: number }> {
    return { items: [], total: 0 };
  }
}

class NoSnapshots extends SnapshotAccess {
  async find(): Promise<ServedSnapshot | null> {
    return null;
  }
  use<T>(): Promise<T> {
    throw new Error('no snapshot to use');
  }
  async list(): Promise<{ items: SnapshotSummary[]; total: number }> {
    return { items: [], total: 0 };
  }
}

describe('ScorecardService on a snapshot file', () => {
  let dir: string;
  let access: FileSnapshots;
  let service: ScorecardService;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oscp-scorecard-'));
    const path = join(dir, 'snapshot.duckdb');
    await writeSnapshot(path);
    access = new FileSnapshots(path);
    service = new ScorecardService(access, new RecordedRunQuality());
  });

  afterAll(async () => {
    await access.pool.closeAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the periods of the snapshot with its default period', async () => {
    const list = await service.periods();
    expect(list.snapshotId).toBe(SNAPSHOT_ID);
    expect(list.defaultPeriod).toBe('2024-25 Q4');
    expect(list.periods[0]).toEqual({
      period: '2022-23 Q1',
      start: '2022-04-01',
      end: '2022-06-30',
      complete: true,
    });
    expect(list.periods).toHaveLength(12);
  });

  it("serves the snapshot's default period when none is asked for", async () => {
    const scorecard = await service.scorecard({ published: false });
    expect(scorecard.period).toBe('2024-25 Q4');
    expect(scorecard.snapshotId).toBe(SNAPSHOT_ID);
    expect(scorecard.generatedAt).toBe('2025-06-30T01:02:03.000Z');
    expect(scorecard.runDate).toBe('2025-06-30');
    expect(scorecard.regionName).toBe('London');
    expect(scorecard.indicators.map((i) => i.code)).toEqual(catalogue.map((d) => d.code));
  });

  it('fills each row with the last 8 quarters of values, oldest first', async () => {
    const scorecard = await service.scorecard({ period: '2024-25 Q2', published: false });
    const fd01 = scorecard.indicators.find((i) => i.code === 'FD01');
    expect(fd01?.trend?.map((p) => p.period)).toEqual(quartersBetween('2022-23 Q3', '2024-25 Q2'));
    expect(fd01?.trend?.map((p) => p.value)).toEqual([120, 130, 140, 150, 160, 170, 180, 190]);
    expect(fd01?.value).toBe(190);
  });

  it('keeps a short trend where the snapshot starts later', async () => {
    const scorecard = await service.scorecard({ period: '2022-23 Q2', published: false });
    expect(scorecard.indicators[0]?.trend?.map((p) => p.period)).toEqual(['2022-23 Q1', '2022-23 Q2']);
  });

  it('shows real small numbers internally and [c] in the published view', async () => {
    const internal = await service.scorecard({ period: '2024-25 Q3', published: false });
    const published = await service.scorecard({ period: '2024-25 Q3', published: true });
    const internalFd02 = internal.indicators.find((i) => i.code === 'FD02');
    const publishedFd02 = published.indicators.find((i) => i.code === 'FD02');
    expect(internalFd02).toMatchObject({ numerator: 3, denominator: 4, value: 75, display: '75.0' });
    expect(publishedFd02).toMatchObject({
      numerator: null,
      denominator: null,
      value: null,
      display: '[c]',
      status: 'suppressed',
    });
    expect(published.publishedView).toBe(true);
    expect(internal.publishedView).toBe(false);
    const publishedFd06 = published.indicators.find((i) => i.code === 'FD06');
    expect(publishedFd06?.breakdown).toEqual([
      { key: 'Police', numerator: null, denominator: null, value: null },
    ]);
  });

  it('hides a suppressed quarter in the trend of the next published scorecard', async () => {
    const published = await service.scorecard({ period: '2024-25 Q4', published: true });
    const fd02 = published.indicators.find((i) => i.code === 'FD02');
    expect(fd02?.trend?.find((p) => p.period === '2024-25 Q3')?.value).toBeNull();
    expect(fd02?.previousValue).toBeNull();
    const internal = await service.scorecard({ period: '2024-25 Q4', published: false });
    expect(internal.indicators.find((i) => i.code === 'FD02')?.previousValue).toBe(75);
  });

  it('answers 404 for a period the snapshot does not cover, naming what it covers', async () => {
    await expect(service.scorecard({ period: '2019-20 Q1', published: false })).rejects.toThrow(
      /2019-20 Q1 is not in snapshot .* \(it covers 2022-23 Q1 to 2024-25 Q4\)/,
    );
    await expect(service.scorecard({ period: '2019-20 Q1', published: false })).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });

  it('answers 404 for an unknown snapshot id', async () => {
    await expect(
      service.scorecard({ snapshot: '0b0e7c8e-3a52-4c7e-9a51-3f1f1f7f9999', published: false }),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it('gives the detail of an indicator with its trend, adding the runs’ and the build’s quarantined rows', async () => {
    const detail = await service.indicatorDetail('FD02', { period: '2024-25 Q3', quarters: 4 });
    expect(detail.definition.code).toBe('FD02');
    expect(detail.regionName).toBe('London');
    expect(detail.current.display).toBe('75.0');
    expect(detail.trend.map((p) => p.period)).toEqual([
      '2023-24 Q4',
      '2024-25 Q1',
      '2024-25 Q2',
      '2024-25 Q3',
    ]);
    expect(detail.trend[3]).toMatchObject({ numerator: 3, denominator: 4, rag: 'red' });
    expect(detail.dataQuality).toEqual([{ dataset: 'contacts', quarantinedRows: 16 + 19, rejectedFiles: 0 }]);
    const fd05 = await service.indicatorDetail('FD05', { period: '2024-25 Q3', quarters: 1 });
    expect(fd05.dataQuality).toEqual([{ dataset: 'referrals', quarantinedRows: 7, rejectedFiles: 2 }]);
  });

  it('answers 404 for an indicator that is not in the catalogue', async () => {
    await expect(service.indicatorDetail('ZZ99', { quarters: 8 })).rejects.toThrow(/no indicator ZZ99/);
  });

  it('pages through the records behind a part of a figure', async () => {
    const first = await service.records('FD02', {
      period: '2024-25 Q3',
      part: 'denominator',
      limit: 2,
      offset: 0,
    });
    expect(first.total).toBe(4);
    expect(first.items).toEqual([
      { recordId: 'C0003', childId: 'CH3', dataset: 'contacts' },
      { recordId: 'C0004', childId: 'CH4', dataset: 'contacts' },
    ]);
    const rest = await service.records('FD02', {
      period: '2024-25 Q3',
      part: 'denominator',
      limit: 10,
      offset: 2,
    });
    expect(rest.items.map((r) => r.recordId)).toEqual(['C0005', 'C0006']);
  });
});

describe('ScorecardService before the first run', () => {
  const service = new ScorecardService(new NoSnapshots(), new RecordedRunQuality());

  it('lists no periods', async () => {
    expect(await service.periods()).toEqual({
      snapshotId: null,
      defaultPeriod: null,
      coveredFrom: null,
      periods: [],
    });
  });

  it('answers 404 for the scorecard, saying nothing is published', async () => {
    await expect(service.scorecard({ published: false })).rejects.toThrow(
      /No scorecard has been published yet/,
    );
  });
});

describe('ScorecardService on a snapshot of another layout', () => {
  let dir: string;
  let access: FileSnapshots;
  let layout2: FileSnapshots;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oscp-scorecard-old-'));
    const path = join(dir, 'snapshot.duckdb');
    await writeSnapshot(path);
    // As a version before snapshot layouts were numbered wrote it.
    await withWarehouse({ path }, (warehouse) =>
      warehouse.run(`delete from snapshot_meta where key = 'schema_version'`),
    );
    access = new FileSnapshots(path);
    // Layout 2: before the region's name was recorded.
    const path2 = join(dir, 'snapshot-layout-2.duckdb');
    await writeSnapshot(path2);
    await withWarehouse({ path: path2 }, async (warehouse) => {
      await warehouse.run(`update snapshot_meta set value = '2' where key = 'schema_version'`);
      await warehouse.run(`delete from snapshot_meta where key = 'region_name'`);
    });
    layout2 = new FileSnapshots(path2);
  });

  afterAll(async () => {
    await access.pool.closeAll();
    await layout2.pool.closeAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 409 to a layout 2 snapshot (no region name), saying to run the ETL again', async () => {
    const service = new ScorecardService(layout2, new RecordedRunQuality());
    const refused = service.indicatorDetail('FD02', { quarters: 4 });
    await expect(refused).rejects.toBeInstanceOf(OutdatedSnapshotError);
    await expect(refused).rejects.toMatchObject({ status: 409 });
    await expect(refused).rejects.toThrow(
      `This snapshot was built by snapshot layout 2; this version reads snapshot layout ${SNAPSHOT_SCHEMA_VERSION}. Run the ETL again to build a snapshot it can read.`,
    );
  });

  it('answers 409 with what to do, instead of failing on a column it does not know', async () => {
    const service = new ScorecardService(access, new RecordedRunQuality());
    const refused = service.scorecard({ published: false });
    await expect(refused).rejects.toBeInstanceOf(OutdatedSnapshotError);
    await expect(refused).rejects.toMatchObject({ status: 409 });
    await expect(refused).rejects.toThrow(
      `This snapshot was built by an older version of this product; this version reads snapshot layout ${SNAPSHOT_SCHEMA_VERSION}. Run the ETL again to build a snapshot it can read.`,
    );
  });
});
