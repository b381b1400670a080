import { Injectable, NotFoundException } from '@nestjs/common';
import { comparePeriods } from '@oscp/calendar';
import type {
  ApiError,
  DataQualityNote,
  IndicatorDefinition,
  IndicatorDetail,
  IndicatorRecord,
  Page,
  PeriodList,
  PeriodSummary,
  Scorecard,
  SnapshotSummary,
} from '@oscp/contracts';
import { applyDisclosureControl, indicatorByCode } from '@oscp/scorecard';
import type { Warehouse } from '@oscp/warehouse';
import { ScorecardCache } from './scorecard-cache';
import { assembleScorecard, dataQualityFor, trendPeriods, trendPoint } from './scorecard-assembly';
import { RunDataQuality, SnapshotAccess, type ServedSnapshot } from './snapshot-access';
import {
  readAllIndicatorsAcrossPeriods,
  readDataQuality,
  readIndicatorAcrossPeriods,
  readIndicators,
  readPeriods,
  readRecords,
  readSnapshotMeta,
  type RecordPart,
  type SnapshotMeta,
} from './snapshot-reader';

/** Quarters of trend on each scorecard row (the overview's sparklines). */
export const SCORECARD_TREND_QUARTERS = 8;

/**
 * The scorecard with the notice of why its snapshot stands in for the published one: the notice
 * belongs to this request's serving state, not to the snapshot, so it is never cached with the figures.
 */
function withNotice(card: Scorecard, snapshot: ServedSnapshot): Scorecard {
  return snapshot.notice === null ? card : { ...card, notice: snapshot.notice };
}

function notFound(message: string): NotFoundException {
  const body: ApiError = { statusCode: 404, message };
  return new NotFoundException(body);
}

/**
 * Serves what a published snapshot holds: periods, scorecards, indicator detail and the records
 * behind a figure. Never computes a figure itself: the snapshot builder did that.
 */
@Injectable()
export class ScorecardService {
  /** Scorecards already computed, per snapshot (a published snapshot never changes). */
  private readonly cache = new ScorecardCache();
  /** Indicator detail already read, per snapshot, the same way. */
  private readonly details = new ScorecardCache<IndicatorDetail>();

  constructor(
    private readonly snapshots: SnapshotAccess,
    private readonly runQuality: RunDataQuality,
  ) {}

  async periods(snapshotId?: string): Promise<PeriodList> {
    const snapshot = await this.snapshots.find(snapshotId);
    if (!snapshot) {
      if (snapshotId) throw this.unknownSnapshot(snapshotId);
      return { snapshotId: null, defaultPeriod: null, coveredFrom: null, periods: [] };
    }
    return this.snapshots.use(snapshot, async (warehouse) => {
      const meta = await readSnapshotMeta(warehouse);
      return {
        snapshotId: meta.snapshotId,
        defaultPeriod: meta.defaultPeriod,
        coveredFrom: meta.coveredFrom,
        periods: await readPeriods(warehouse, meta),
      };
    });
  }

  scorecard(query: { period?: string; snapshot?: string; published: boolean }): Promise<Scorecard> {
    // Past the snapshot check, a kept scorecard is answered without another promise.
    return this.requireSnapshot(query.snapshot).then((snapshot) => {
      if (snapshot.current) this.cache.noteCurrent(snapshot.id);
      // Everything in one entry comes from the one snapshot file it is keyed by.
      const key = `${query.period ?? ''}\u0000${query.published ? 'published' : 'full'}`;
      const card = this.cache.get(snapshot.id, key, () => this.computeScorecard(snapshot, query));
      return card instanceof Promise ? card.then((c) => withNotice(c, snapshot)) : withNotice(card, snapshot);
    });
  }

  private computeScorecard(
    snapshot: ServedSnapshot,
    query: { period?: string; published: boolean },
  ): Promise<Scorecard> {
    return this.snapshots.use(snapshot, async (warehouse) => {
      const { meta, periods, period } = await this.resolvePeriod(warehouse, query.period);
      const shownPeriods = trendPeriods(periods, period, SCORECARD_TREND_QUARTERS);
      // One connection per snapshot: queries run one after another.
      const indicators = await readIndicators(warehouse, period);
      const history = await readAllIndicatorsAcrossPeriods(warehouse, shownPeriods);
      return assembleScorecard({
        meta,
        period,
        indicators,
        history,
        trendPeriods: shownPeriods,
        disclose: query.published ? applyDisclosureControl : null,
      });
    });
  }

  async indicatorDetail(
    code: string,
    query: { period?: string; snapshot?: string; quarters: number },
  ): Promise<IndicatorDetail> {
    const definition = this.requireIndicator(code);
    const snapshot = await this.requireSnapshot(query.snapshot);
    if (snapshot.current) this.details.noteCurrent(snapshot.id);
    // A published snapshot and the runs' data quality up to it never change: kept per snapshot.
    // Anything that changes without a publish (a sign-off) must be added outside this cache.
    const key = `${definition.code}\u0000${query.period ?? ''}\u0000${query.quarters}`;
    return this.details.get(snapshot.id, key, () => this.computeIndicatorDetail(definition, snapshot, query));
  }

  private async computeIndicatorDetail(
    definition: IndicatorDefinition,
    snapshot: ServedSnapshot,
    query: { period?: string; quarters: number },
  ): Promise<IndicatorDetail> {
    const fromRuns = await this.runQuality.forSnapshot(snapshot);
    return this.snapshots.use(snapshot, async (warehouse) => {
      const { meta, periods, period } = await this.resolvePeriod(warehouse, query.period);
      const shownPeriods = trendPeriods(periods, period, query.quarters);
      const rows = await readIndicatorAcrossPeriods(warehouse, definition.code, shownPeriods);
      const current = rows.get(period);
      if (!current)
        throw notFound(`${definition.code} has no row for ${period} in snapshot ${meta.snapshotId}.`);
      return {
        definition,
        snapshotId: meta.snapshotId,
        period,
        regionName: meta.regionName,
        current,
        trend: shownPeriods.map((p) => trendPoint(p, rows.get(p))),
        dataQuality: dataQualityFor(definition, fromRuns, await readDataQuality(warehouse)),
      };
    });
  }

  async records(
    code: string,
    query: { period?: string; snapshot?: string; part: RecordPart; limit: number; offset: number },
  ): Promise<Page<IndicatorRecord> & { period: string; snapshotId: string }> {
    const definition = this.requireIndicator(code);
    const snapshot = await this.requireSnapshot(query.snapshot);
    return this.snapshots.use(snapshot, async (warehouse) => {
      const { meta, period } = await this.resolvePeriod(warehouse, query.period);
      const page = await readRecords(warehouse, {
        code: definition.code,
        period,
        part: query.part,
        limit: query.limit,
        offset: query.offset,
      });
      return { ...page, limit: query.limit, offset: query.offset, period, snapshotId: meta.snapshotId };
    });
  }

  /**
   * Data quality of everything a snapshot was built from, one note per dataset: the runs'
   * validation (files rejected, rows quarantined) plus the build's cross-file checks.
   */
  async snapshotDataQuality(snapshotId: string): Promise<DataQualityNote[]> {
    const snapshot = await this.requireSnapshot(snapshotId);
    const fromRuns = await this.runQuality.forSnapshot(snapshot);
    const fromBuild = await this.snapshots.use(snapshot, (warehouse) => readDataQuality(warehouse));
    const datasets = [...new Set([...fromRuns, ...fromBuild].map((note) => note.dataset))].sort();
    return datasets.map((dataset) => {
      const notes = [...fromRuns, ...fromBuild].filter((note) => note.dataset === dataset);
      return {
        dataset,
        quarantinedRows: notes.reduce((sum, note) => sum + note.quarantinedRows, 0),
        rejectedFiles: notes.reduce((sum, note) => sum + note.rejectedFiles, 0),
      };
    });
  }

  async snapshotList(page: { limit: number; offset: number }): Promise<Page<SnapshotSummary>> {
    const { items, total } = await this.snapshots.list(page);
    return { items, total, limit: page.limit, offset: page.offset };
  }

  /** The catalogue entry of `code` (already upper-cased), or a 404. */
  requireIndicator(code: string): IndicatorDefinition {
    const definition = indicatorByCode(code);
    if (!definition) throw notFound(`There is no indicator ${code} in the catalogue.`);
    return definition;
  }

  private requireSnapshot(snapshotId: string | undefined): Promise<ServedSnapshot> {
    return this.snapshots.find(snapshotId).then((snapshot) => {
      if (snapshot) return snapshot;
      if (snapshotId) throw this.unknownSnapshot(snapshotId);
      throw notFound('No scorecard has been published yet: run the ETL first.');
    });
  }

  private unknownSnapshot(snapshotId: string): NotFoundException {
    return notFound(`There is no published snapshot ${snapshotId} (it may have been removed by retention).`);
  }

  /** The asked-for period, or the snapshot's default; a 404 when the snapshot does not cover it. */
  private async resolvePeriod(
    warehouse: Warehouse,
    asked: string | undefined,
  ): Promise<{ meta: SnapshotMeta; periods: PeriodSummary[]; period: string }> {
    const meta = await readSnapshotMeta(warehouse);
    const periods = await readPeriods(warehouse);
    const period = asked ?? meta.defaultPeriod;
    if (!period) throw notFound(`Snapshot ${meta.snapshotId} has no quarter with data.`);
    if (!periods.some((p) => p.period === period)) {
      const sorted = periods.map((p) => p.period).sort(comparePeriods);
      const covers = sorted.length > 0 ? ` (it covers ${sorted[0]} to ${sorted[sorted.length - 1]})` : '';
      throw notFound(`The period ${period} is not in snapshot ${meta.snapshotId}${covers}.`);
    }
    return { meta, periods, period };
  }
}
