import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENCY_CODES, type IndicatorDefinition } from '@oscp/contracts';
import type { z as Zod } from 'zod';

/**
 * Reading the indicator catalogue, checked once at build time. zod and the catalogue's schema
 * were about 70 ms of every process that loads this library (the ETL child among them, on the
 * critical path of every run), so `npm run build` checks the shipped file and records its
 * SHA-256 beside the compiled code; a file with that hash is used as it stands, any other is
 * checked here as before, with the same messages. The schema is defined over a zod given to
 * it, so that defining it does not load zod.
 */

/** The catalogue as its file holds it. */
export interface CatalogueFile {
  version: string;
  indicators: IndicatorDefinition[];
}

/** Checks a parsed catalogue file: returns it, or throws the reason it is not valid. */
export type CatalogueValidator = (file: unknown) => CatalogueFile;

/** The catalogue file beside this module (in `src` under vitest, in `dist` when built). */
export const CATALOGUE_PATH = join(__dirname, 'catalogue.json');

/** The SHA-256 of the catalogue file `npm run build` checked, beside the compiled code. */
export const CHECKED_CATALOGUE_PATH = join(__dirname, 'catalogue.checked.json');

/** The catalogue file's schema (no transforms or defaults: what it returns is what it was given). */
export function defineCatalogueSchema(z: typeof Zod): Zod.ZodType<CatalogueFile> {
  const agency = z.enum(AGENCY_CODES);

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
        ctx.addIssue({
          code: 'custom',
          message: `${def.code}: target does not fit polarity ${def.polarity}`,
        });
      if ((def.unit === 'count') !== (def.denominatorDefinition === null)) {
        ctx.addIssue({ code: 'custom', message: `${def.code}: only counts have no denominator` });
      }
    });

  return z
    .object({ version: z.string().min(1), indicators: z.array(indicatorSchema).min(1) })
    .strict()
    .superRefine((file, ctx) => {
      const seen = new Set<string>();
      for (const def of file.indicators) {
        if (seen.has(def.code)) ctx.addIssue({ code: 'custom', message: `${def.code} appears twice` });
        seen.add(def.code);
      }
    });
}

/** Checks a parsed catalogue file with its schema, loading zod to do so. */
export function validateCatalogue(file: unknown): CatalogueFile {
  // Loaded here, only when the file is not the one checked at build time. A require, not an
  // import(): the catalogue is read while this library loads, so this must be synchronous, and
  // (unlike a module of this library) the zod package can be required from the sources as well.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { z } = require('zod') as typeof import('zod');
  const parsed = defineCatalogueSchema(z).safeParse(file);
  if (!parsed.success) {
    throw new Error(
      `The indicator catalogue (catalogue.json) is not valid: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/**
 * The catalogue file at `path`: as it stands when its SHA-256 is the one recorded at
 * `checkedPath`, otherwise checked by `validate`.
 */
export function readCatalogue(
  path: string = CATALOGUE_PATH,
  checkedPath: string = CHECKED_CATALOGUE_PATH,
  validate: CatalogueValidator = validateCatalogue,
): CatalogueFile {
  const bytes = readFileSync(path);
  const file = parseJson(path, bytes);
  // A file checked at build time: the schema's output is its input, so it is used as it stands.
  if (checkedSha256(bytes) === readCheckedSha256(checkedPath)) return file as CatalogueFile;
  return validate(file);
}

/**
 * Checks the catalogue file at `path` with its schema and, if it is valid, records its SHA-256 at
 * `checkedPath` (run by `npm run build`). Any earlier record is removed first, so a file that
 * fails the check is never taken as checked.
 */
export function writeCheckedCatalogue(
  path: string = CATALOGUE_PATH,
  checkedPath: string = CHECKED_CATALOGUE_PATH,
): void {
  rmSync(checkedPath, { force: true });
  const bytes = readFileSync(path);
  validateCatalogue(parseJson(path, bytes));
  const record: CheckedRecord = { sha256: checkedSha256(bytes) };
  writeFileSync(`${checkedPath}.writing`, JSON.stringify(record));
  renameSync(`${checkedPath}.writing`, checkedPath);
}

interface CheckedRecord {
  sha256: string;
}

/** Parses JSON as Node's `require` of a JSON file did: a byte-order mark skipped, the file named. */
function parseJson(path: string, bytes: Buffer): unknown {
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch (error) {
    if (error instanceof Error) error.message = `${path}: ${error.message}`;
    throw error;
  }
}

/**
 * The SHA-256 of the catalogue file's bytes, of this module's own code (where its schema is
 * defined) and of the agency codes the schema allows: a record made before the schema changed no
 * longer matches, even if only the code was recompiled (not `npm run build`), so the file is
 * checked against the schema it now has.
 */
function checkedSha256(bytes: Buffer): string {
  const schemaCode = readFileSync(__filename);
  return (
    createHash('sha256')
      .update(`catalogue\0${bytes.length}\0`)
      .update(bytes)
      .update(`schema\0${schemaCode.length}\0`)
      .update(schemaCode)
      // The schema's list of agencies comes from another package.
      .update(`agencies\0${AGENCY_CODES.join(',')}`)
      .digest('hex')
  );
}

function readCheckedSha256(checkedPath: string): string | null {
  if (!existsSync(checkedPath)) return null;
  try {
    const record = JSON.parse(readFileSync(checkedPath, 'utf8')) as Partial<CheckedRecord> | null;
    return typeof record?.sha256 === 'string' ? record.sha256 : null;
  } catch {
    return null;
  }
}
