import {
  AGENCY_CODES,
  type IndicatorDetail,
  type IndicatorRecord,
  type Page,
  type PeriodList,
  type Scorecard,
  type SnapshotSummary,
} from '@oscp/contracts';
import { z } from 'zod';
import { pageOf } from '../docs/zod-openapi';
import { signOffResponse } from '../signoffs/signoffs.openapi';

/**
 * Response shapes of the scorecard, indicator and snapshot routes, for the OpenAPI document. The
 * types are `@oscp/contracts`' (each schema `satisfies` its contract type, so they cannot drift).
 */
const nullableNumber = z.number().nullable();

export const targetSchema = z.union([z.number(), z.object({ low: z.number(), high: z.number() }), z.null()]);
const unit = z.enum(['count', 'percent', 'rate10k', 'rate100k']);
const polarity = z.enum(['higher', 'lower', 'range', 'context']);
const theme = z.enum(['front_door', 'child_protection', 'neglect', 'priority_themes']);
const rag = z.enum(['green', 'amber', 'red']).nullable();
const direction = z.enum(['improving', 'declining', 'no_change', 'up', 'down']).nullable();
const valueStatus = z.enum(['ok', 'no_data', 'not_applicable', 'suppressed', 'awaited']);
export const exceptionReason = z.enum(['red', 'declining_two_quarters', 'partner_return_missing']);

export const comparatorsResponse = z
  .object({
    year: z.string().describe('financial year of the values, e.g. 2024-25'),
    england: nullableNumber,
    region: nullableNumber.describe("the local authority's own region (named by regionName)"),
    statNeighbours: nullableNumber,
    note: z.string().nullable(),
  })
  .nullable();

export const breakdownResponse = z.array(
  z.object({
    key: z.string(),
    numerator: nullableNumber,
    denominator: nullableNumber,
    value: nullableNumber,
  }),
);

export const dataQualityResponse = z.array(
  z.object({ dataset: z.string(), quarantinedRows: z.number(), rejectedFiles: z.number() }),
);

const regionName = z
  .string()
  .nullable()
  .describe('the region the region comparators belong to, e.g. North West; null when not known');

const revisedFigures = z.object({ display: z.string(), rag: z.string().nullable(), exception: z.boolean() });

const signOffState = z
  .object({
    signOff: signOffResponse,
    figures: z.enum(['signed_off', 'latest']),
    revisions: z.array(
      z.object({
        code: z.string(),
        title: z.string(),
        signedOff: revisedFigures,
        latest: revisedFigures,
        latestSnapshotId: z.string(),
        revisedAt: z.string(),
      }),
    ),
  })
  .nullable();

export const scorecardIndicatorResponse = z.object({
  code: z.string(),
  title: z.string(),
  theme,
  unit,
  polarity,
  owner: z.enum(AGENCY_CODES),
  subgroups: z.array(z.string()),
  numerator: nullableNumber,
  denominator: nullableNumber,
  value: nullableNumber,
  display: z.string().describe('20.5, 2043, [x], [z] or [c]'),
  status: valueStatus,
  target: targetSchema,
  tolerance: nullableNumber,
  targetSource: z.enum(['catalogue', 'override']),
  rag,
  direction,
  previousValue: nullableNumber,
  exception: z.boolean(),
  exceptionReasons: z.array(exceptionReason),
  comparators: comparatorsResponse,
  breakdown: breakdownResponse,
  trend: z.array(z.object({ period: z.string(), value: nullableNumber })).optional(),
});

export const scorecardResponse = z.object({
  period: z.string().describe('2024-25 Q3'),
  snapshotId: z.string(),
  generatedAt: z.string(),
  runDate: z.string(),
  regionName,
  publishedView: z.boolean(),
  indicators: z.array(scorecardIndicatorResponse),
  notice: z.string().optional(),
  signOffState: signOffState.optional(),
}) satisfies z.ZodType<Scorecard>;

export const periodListResponse = z.object({
  snapshotId: z.string().nullable(),
  defaultPeriod: z.string().nullable(),
  coveredFrom: z.string().nullable(),
  periods: z.array(
    z.object({ period: z.string(), start: z.string(), end: z.string(), complete: z.boolean() }),
  ),
}) satisfies z.ZodType<PeriodList>;

const indicatorDefinition = z.object({
  code: z.string(),
  title: z.string(),
  plainDefinition: z.string(),
  whyItMatters: z.string(),
  theme,
  definition: z.string(),
  numeratorDefinition: z.string(),
  denominatorDefinition: z.string().nullable(),
  source: z.array(z.string()),
  unit,
  polarity,
  target: targetSchema,
  tolerance: nullableNumber,
  directionThreshold: z.union([
    z.object({ kind: z.literal('absolute'), value: z.number() }),
    z.object({ kind: z.literal('relative'), share: z.number() }),
  ]),
  owner: z.enum(AGENCY_CODES),
  subgroups: z.array(z.string()),
  seedReference: z.string(),
  breakdown: z.enum(['source_group', 'agency']).nullable(),
  comparatorNote: z.string().nullable(),
});

export const indicatorDetailResponse = z.object({
  definition: indicatorDefinition,
  snapshotId: z.string(),
  period: z.string(),
  regionName,
  current: scorecardIndicatorResponse,
  trend: z.array(
    z.object({
      period: z.string(),
      numerator: nullableNumber,
      denominator: nullableNumber,
      value: nullableNumber,
      display: z.string(),
      status: valueStatus,
      target: targetSchema,
      rag,
      direction,
      comparators: comparatorsResponse,
    }),
  ),
  dataQuality: dataQualityResponse,
}) satisfies z.ZodType<IndicatorDetail>;

export const indicatorRecordsResponse = pageOf(
  z.object({ recordId: z.string(), childId: z.string().nullable(), dataset: z.string() }),
) satisfies z.ZodType<Page<IndicatorRecord>>;

export const snapshotListResponse = pageOf(
  z.object({
    id: z.string(),
    runId: z.string(),
    runNumber: z.number().nullable(),
    createdAt: z.string(),
    publishedAt: z.string().nullable(),
    current: z.boolean(),
    runDate: z.string(),
    periods: z.array(z.string()),
  }),
) satisfies z.ZodType<Page<SnapshotSummary>>;
