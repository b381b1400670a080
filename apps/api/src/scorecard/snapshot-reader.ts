import { ConflictException } from '@nestjs/common';
import type {
  ApiError,
  DataQualityNote,
  IndicatorRecord,
  PeriodSummary,
  ScorecardIndicator,
} from '@oscp/contracts';
import { SNAPSHOT_META_KEYS, snapshotSchemaProblem, type Warehouse } from '@oscp/warehouse';

/**
 * Reads what the snapshot builder wrote into a snapshot file (its layout: `libs/warehouse`'s
 * snapshot schema). Every function takes a read-only warehouse handed out by the shared pool, so
 * none of them opens DuckDB itself.
 */

/** The `snapshot_meta` key/value table. */
export interface SnapshotMeta {
  snapshotId: string;
  generatedAt: string;
  runDate: string;
  laCode: string | null;
  /** The LA's region as DfE names it (what the `region` comparators are); null when not known. */
  regionName: string | null;
  catalogueVersion: string | null;
  defaultPeriod: string | null;
  /** First quarter the extracts cover completely; null in snapshots built before it was recorded. */
  coveredFrom: string | null;
}

export type RecordPart = 'numerator' | 'denominator';

/** A snapshot of another layout than this version reads: answered 409 with what to do. */
export class OutdatedSnapshotError extends ConflictException {
  constructor(message: string) {
    const body: ApiError = { statusCode: 409, message };
    super(body);
    this.name = 'OutdatedSnapshotError';
  }
}

export class SnapshotContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotContentError';
  }
}

function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return String(value);
}

export async function readSnapshotMeta(warehouse: Warehouse): Promise<SnapshotMeta> {
  const rows = await warehouse.all<{ key: string; value: string | null }>(
    'select key::varchar as key, value::varchar as value from snapshot_meta',
  );
  const meta = new Map(rows.map((row) => [row.key, row.value]));
  const problem = snapshotSchemaProblem(meta);
  if (problem) throw new OutdatedSnapshotError(problem);
  const snapshotId = meta.get(SNAPSHOT_META_KEYS.snapshotId);
  const generatedAt = meta.get(SNAPSHOT_META_KEYS.generatedAt);
  const runDate = meta.get(SNAPSHOT_META_KEYS.runDate);
  if (!snapshotId || !generatedAt || !runDate) {
    throw new SnapshotContentError(
      'The snapshot has no snapshot_id, generated_at or run_date in snapshot_meta.',
    );
  }
  const defaultPeriod = meta.get(SNAPSHOT_META_KEYS.defaultPeriod);
  return {
    snapshotId,
    generatedAt,
    runDate,
    laCode: textOf(meta.get(SNAPSHOT_META_KEYS.laCode)),
    regionName: meta.get(SNAPSHOT_META_KEYS.regionName) || null,
    catalogueVersion: textOf(meta.get(SNAPSHOT_META_KEYS.catalogueVersion)),
    defaultPeriod: defaultPeriod ? defaultPeriod : null,
    coveredFrom: meta.get(SNAPSHOT_META_KEYS.coveredFrom) || null,
  };
}

/**
 * Every period the snapshot covers, oldest first; `complete` when it lies between the first
 * quarter the extracts cover (`coveredFrom`, when recorded) and the default quarter.
 */
export async function readPeriods(
  warehouse: Warehouse,
  cover: { coveredFrom: string | null; defaultPeriod: string | null } = {
    coveredFrom: null,
    defaultPeriod: null,
  },
): Promise<PeriodSummary[]> {
  const rows = await warehouse.all<{ period: string; start_date: string; end_date: string }>(
    `select "period"::varchar as period, start_date::varchar as start_date, end_date::varchar as end_date
     from "period"
     order by start_date`,
  );
  const byPeriod = new Map(rows.map((row) => [row.period, row.start_date]));
  const fromStart = cover.coveredFrom ? byPeriod.get(cover.coveredFrom) : undefined;
  const toStart = cover.defaultPeriod ? byPeriod.get(cover.defaultPeriod) : undefined;
  return rows.map((row) => ({
    period: row.period,
    start: row.start_date,
    end: row.end_date,
    complete:
      (fromStart === undefined || row.start_date >= fromStart) &&
      (toStart === undefined || row.start_date <= toStart),
  }));
}

function parseIndicator(json: string, period: string, code: string): ScorecardIndicator {
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== 'object' || parsed === null || !('code' in parsed) || !('display' in parsed)) {
    throw new SnapshotContentError(
      `The snapshot's scorecard_indicator row for ${code} in ${period} is not an indicator.`,
    );
  }
  // The builder writes the contracts' ScorecardIndicator as JSON; the shape check above guards misuse.
  return parsed as ScorecardIndicator;
}

/** The scorecard rows of one period, in catalogue order; empty when the period is not in the snapshot. */
export async function readIndicators(warehouse: Warehouse, period: string): Promise<ScorecardIndicator[]> {
  const rows = await warehouse.all<{ code: string; indicator: string }>(
    `select code::varchar as code, indicator::varchar as indicator
     from scorecard_indicator
     where "period" = $period
     order by position, code`,
    { period },
  );
  return rows.map((row) => parseIndicator(row.indicator, period, row.code));
}

/** One indicator in several periods, keyed by period. */
export async function readIndicatorAcrossPeriods(
  warehouse: Warehouse,
  code: string,
  periods: string[],
): Promise<Map<string, ScorecardIndicator>> {
  const out = new Map<string, ScorecardIndicator>();
  if (periods.length === 0) return out;
  const rows = await warehouse.all<{ period: string; indicator: string }>(
    `select "period"::varchar as period, indicator::varchar as indicator
     from scorecard_indicator
     where code = $code and list_contains(string_split($periods, '|'), "period")`,
    { code, periods: periods.join('|') },
  );
  for (const row of rows) out.set(row.period, parseIndicator(row.indicator, row.period, code));
  return out;
}

/** Every indicator in several periods, keyed by period then code (for the scorecard's trend). */
export async function readAllIndicatorsAcrossPeriods(
  warehouse: Warehouse,
  periods: string[],
): Promise<Map<string, Map<string, ScorecardIndicator>>> {
  const out = new Map<string, Map<string, ScorecardIndicator>>();
  if (periods.length === 0) return out;
  const rows = await warehouse.all<{ period: string; code: string; indicator: string }>(
    `select "period"::varchar as period, code::varchar as code, indicator::varchar as indicator
     from scorecard_indicator
     where list_contains(string_split($periods, '|'), "period")`,
    { periods: periods.join('|') },
  );
  for (const row of rows) {
    const byCode = out.get(row.period) ?? new Map<string, ScorecardIndicator>();
    byCode.set(row.code, parseIndicator(row.indicator, row.period, row.code));
    out.set(row.period, byCode);
  }
  return out;
}

/** Quarantined rows and rejected files per dataset, as the run recorded them in the snapshot. */
export async function readDataQuality(warehouse: Warehouse): Promise<DataQualityNote[]> {
  const rows = await warehouse.all<{ dataset: string; quarantined_rows: number; rejected_files: number }>(
    `select dataset::varchar as dataset,
            coalesce(quarantined_rows, 0)::integer as quarantined_rows,
            coalesce(rejected_files, 0)::integer as rejected_files
     from data_quality
     order by dataset`,
  );
  return rows.map((row) => ({
    dataset: row.dataset,
    quarantinedRows: row.quarantined_rows,
    rejectedFiles: row.rejected_files,
  }));
}

/** The source records behind one part of an indicator in one period, ordered for stable paging. */
export async function readRecords(
  warehouse: Warehouse,
  query: { code: string; period: string; part: RecordPart; limit: number; offset: number },
): Promise<{ items: IndicatorRecord[]; total: number }> {
  const params = { code: query.code, period: query.period, part: query.part };
  const where = `where code = $code and "period" = $period and part = $part`;
  const count = await warehouse.one<{ total: number }>(
    `select count(*)::integer as total from scorecard_record ${where}`,
    params,
  );
  const rows = await warehouse.all<{ dataset: string; record_id: string; child_id: string | null }>(
    `select dataset::varchar as dataset, record_id::varchar as record_id, child_id::varchar as child_id
     from scorecard_record ${where}
     order by dataset, record_id
     limit $limit offset $offset`,
    { ...params, limit: query.limit, offset: query.offset },
  );
  return {
    items: rows.map((row) => ({ recordId: row.record_id, childId: row.child_id, dataset: row.dataset })),
    total: count?.total ?? 0,
  };
}
