import type { IndicatorDefinition } from '@oscp/contracts';
import { z } from 'zod';
import catalogueFile from './catalogue.json';

const agency = z.enum([
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
]);

const indicatorSchema = z
  .object({
    code: z.string().regex(/^(FD|CP|NG|PT)\d{2}$/),
    title: z.string().min(1),
    plainDefinition: z.string().min(20),
    whyItMatters: z.string().min(20),
    theme: z.enum(['front_door', 'child_protection', 'neglect', 'priority_themes']),
    definition: z.string().min(1),
    numeratorDefinition: z.string().min(1),
    denominatorDefinition: z.string().min(1).nullable(),
    source: z.array(z.string().min(1)).min(1),
    unit: z.enum(['count', 'percent', 'rate10k', 'rate100k']),
    polarity: z.enum(['higher', 'lower', 'range', 'context']),
    target: z.union([z.number(), z.object({ low: z.number(), high: z.number() }).strict(), z.null()]),
    tolerance: z.number().nonnegative().nullable(),
    directionThreshold: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('absolute'), value: z.number().positive() }).strict(),
      z.object({ kind: z.literal('relative'), share: z.number().positive() }).strict(),
    ]),
    owner: agency,
    subgroups: z.array(z.string().min(1)).min(1),
    seedReference: z.string().min(1),
    breakdown: z.enum(['source_group', 'agency']).nullable(),
    comparatorNote: z.string().min(1).nullable(),
  })
  .strict()
  .superRefine((def, ctx) => {
    // The target's shape must fit the polarity, or RAG could not be worked out.
    const fits =
      def.polarity === 'context'
        ? def.target === null && def.tolerance === null
        : def.polarity === 'range'
          ? typeof def.target === 'object' && def.target !== null && def.target.low <= def.target.high
          : typeof def.target === 'number';
    if (!fits)
      ctx.addIssue({ code: 'custom', message: `${def.code}: target does not fit polarity ${def.polarity}` });
    if ((def.unit === 'count') !== (def.denominatorDefinition === null)) {
      ctx.addIssue({ code: 'custom', message: `${def.code}: only counts have no denominator` });
    }
  });

export const catalogueSchema = z
  .object({ version: z.string().min(1), indicators: z.array(indicatorSchema).min(1) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const def of file.indicators) {
      if (seen.has(def.code)) ctx.addIssue({ code: 'custom', message: `${def.code} appears twice` });
      seen.add(def.code);
    }
  });

function loadCatalogue(): { version: string; indicators: readonly IndicatorDefinition[] } {
  const parsed = catalogueSchema.safeParse(catalogueFile);
  if (!parsed.success) {
    throw new Error(
      `The indicator catalogue (catalogue.json) is not valid: ${z.prettifyError(parsed.error)}`,
    );
  }
  const indicators: IndicatorDefinition[] = parsed.data.indicators;
  return { version: parsed.data.version, indicators: Object.freeze(indicators.map((d) => Object.freeze(d))) };
}

const loaded = loadCatalogue();

/** Version of the catalogue file; stored with each snapshot. */
export const catalogueVersion: string = loaded.version;

/** Every indicator, in scorecard order (FD01 … PT06). */
export const catalogue: readonly IndicatorDefinition[] = loaded.indicators;

const byCode = new Map(catalogue.map((def) => [def.code, def]));

/** The definition of an indicator, or undefined for an unknown code (codes are matched exactly). */
export function indicatorByCode(code: string): IndicatorDefinition | undefined {
  return byCode.get(code);
}

/** Indicators whose value comes from a quarterly partner return (PT03-PT06). */
export function isPartnerReturnIndicator(def: IndicatorDefinition): boolean {
  return def.source.includes('partner_returns');
}

export const partnerReturnCodes: readonly string[] = catalogue
  .filter(isPartnerReturnIndicator)
  .map((d) => d.code);
