import type { z as Zod } from 'zod';
import { DATASETS } from '../types';

/** The value types a contract column can have. */
export const COLUMN_TYPES = [
  'id',
  'date',
  'datetime',
  'flag',
  'code',
  'code_list',
  'int',
  'number',
  'period',
  'text',
  'year',
  'financial_year',
] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** This module's own code, hashed into the record of contracts checked at build time (`load.ts`). */
export const CONTRACT_SCHEMA_MODULE: string = __filename;

/**
 * The contract files' schemas, defined over a zod given to them so that defining them does not
 * load zod: `loadContracts` needs it only for files other than those `npm run build` checked.
 * No transforms or defaults, so what a schema returns is what it was given.
 */
export function defineContractSchemas(z: typeof Zod) {
  const columnName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'column names are lower snake_case');
  const datasetName = z.enum(DATASETS);

  /** Rules that compare a cell with another cell of the same row. */
  const columnRule = z.discriminatedUnion('rule', [
    /** The value may not be earlier than `column` (both set and valid). */
    z.strictObject({ rule: z.literal('not_before'), column: columnName }),
    /** The value is required whenever `column` is not blank. */
    z.strictObject({ rule: z.literal('required_when'), column: columnName }),
    /** When the value is set, `column` must be set too. */
    z.strictObject({ rule: z.literal('requires'), column: columnName }),
    /** A flag that may not be Y while `column` is set. */
    z.strictObject({ rule: z.literal('not_together'), column: columnName }),
    /** A number that may not exceed the number in `column`. */
    z.strictObject({ rule: z.literal('numerator_le_denominator'), column: columnName }),
    /** The value is required when `column` holds one of `codes`. */
    z.strictObject({
      rule: z.literal('denominator_required_for'),
      column: columnName,
      codes: z.array(z.string().min(1)).min(1),
    }),
    /** A code that must be one of `codes`: the indicators whose source is `source`. */
    z.strictObject({
      rule: z.literal('indicator_source'),
      source: datasetName,
      codes: z.array(z.string().min(1)).min(1),
    }),
  ]);

  const columnContract = z.strictObject({
    name: columnName,
    type: z.enum(COLUMN_TYPES),
    required: z.boolean(),
    description: z.string().optional(),
    /** For `code` and `code_list`: the name of a list in `code-lists.json`. */
    codeList: z.string().optional(),
    /** Numbers: the value must be at least `min`. */
    min: z.number().optional(),
    /** Numbers: the value must be greater than `greaterThan`. */
    greaterThan: z.number().optional(),
    /** Numbers: the value must be at most `max`. */
    max: z.number().optional(),
    /** Text: at most this many characters. */
    maxLength: z.number().int().positive().optional(),
    rules: z.array(columnRule).optional(),
    /** Cross-dataset: the value must exist in `dataset.column` (checked by the snapshot builder). */
    references: z.strictObject({ dataset: datasetName, column: columnName }).optional(),
    /**
     * Cross-dataset: the value may not be earlier than `column` of the row that this row's `via`
     * column references (checked by the snapshot builder).
     */
    notBeforeReferenced: z.strictObject({ via: columnName, column: columnName }).optional(),
  });

  const datasetContract = z.strictObject({
    dataset: datasetName,
    version: z.number().int().positive(),
    description: z.string(),
    /** Columns that together identify a row within one file (duplicates quarantine every copy). */
    key: z.array(columnName).min(1),
    columns: z.array(columnContract).min(1),
  });

  const codeList = z.strictObject({
    title: z.string(),
    codes: z
      .array(
        z.strictObject({
          code: z.string().min(1),
          label: z.string().optional(),
          /** A breakdown group (referral source groups). */
          group: z.string().optional(),
        }),
      )
      .min(1),
  });

  const codeListsFile = z.strictObject({
    version: z.number().int().positive(),
    lists: z.record(z.string(), codeList),
  });

  return { columnRule, columnContract, datasetContract, codeList, codeListsFile };
}

type ContractSchemas = ReturnType<typeof defineContractSchemas>;
export type ColumnRule = Zod.infer<ContractSchemas['columnRule']>;
export type ColumnContract = Zod.infer<ContractSchemas['columnContract']>;
export type DatasetContract = Zod.infer<ContractSchemas['datasetContract']>;
export type CodeList = Zod.infer<ContractSchemas['codeList']>;
export type CodeListsFile = Zod.infer<ContractSchemas['codeListsFile']>;
