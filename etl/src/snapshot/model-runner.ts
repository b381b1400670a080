import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqlIdentifier, type Warehouse } from '@oscp/warehouse';

/**
 * The layers in the order they run. `quarantine` comes first: its models find source rows that
 * fail a rule needing another dataset, and staging leaves those rows out, so they never reach
 * the marts.
 */
export const MODEL_LAYERS = ['quarantine', 'staging', 'intermediate', 'marts'] as const;
export type ModelLayer = (typeof MODEL_LAYERS)[number];

export interface SqlModel {
  layer: ModelLayer;
  /** The file name without `.sql`: the table (or view) the model creates. */
  name: string;
  sql: string;
  /**
   * `table` unless the file has a line `-- materialized: view`: a model that only feeds one
   * other model is then inlined into it rather than written out in full and read back.
   */
  materialized: 'table' | 'view';
}

const VIEW_MARKER = /^--\s*materialized:\s*view\s*$/m;

/** The statement that builds a model: `create or replace table|view <name> as <sql>`. */
export function modelStatement(model: SqlModel): string {
  return `create or replace ${model.materialized} ${sqlIdentifier(model.name)} as\n${model.sql}`;
}

const MODEL_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Every model under `dir/<layer>/*.sql`, in run order: layer by layer, and within a layer in
 * name order, except that a model referring to another model of its layer runs after it.
 */
export function discoverModels(dir: string, layers: readonly ModelLayer[] = MODEL_LAYERS): SqlModel[] {
  const models: SqlModel[] = [];
  for (const layer of layers) {
    const files = listSqlFiles(join(dir, layer));
    const layerModels = files.map((file): SqlModel => {
      const sql = stripTrailingSemicolon(readFileSync(join(dir, layer, file), 'utf8'));
      return {
        layer,
        name: file.slice(0, -'.sql'.length),
        sql,
        materialized: VIEW_MARKER.test(sql) ? 'view' : 'table',
      };
    });
    for (const model of layerModels) {
      if (!MODEL_NAME.test(model.name)) {
        throw new Error(
          `The model file ${layer}/${model.name}.sql must be named in lower case letters, digits and underscores.`,
        );
      }
    }
    models.push(...orderWithinLayer(layerModels));
  }
  return models;
}

/** Files named `*.sql` in `dir`, sorted by name; none when the folder does not exist. */
export function listSqlFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.filter((file) => file.endsWith('.sql')).sort();
}

/** Name order, with a model moved after the models of its layer that it selects from. */
export function orderWithinLayer<T extends { name: string; sql: string }>(models: readonly T[]): T[] {
  const byName = new Map(models.map((model) => [model.name, model]));
  const dependsOn = new Map<string, Set<string>>();
  for (const model of models) {
    const code = withoutComments(model.sql);
    const deps = new Set<string>();
    for (const other of byName.keys()) {
      if (other !== model.name && new RegExp(`\\b${other}\\b`).test(code)) deps.add(other);
    }
    dependsOn.set(model.name, deps);
  }
  const ordered: T[] = [];
  const done = new Set<string>();
  const names = [...byName.keys()].sort();
  while (ordered.length < models.length) {
    const next = names.find(
      (name) => !done.has(name) && [...(dependsOn.get(name) ?? [])].every((dep) => done.has(dep)),
    );
    if (next === undefined) {
      const stuck = names.filter((name) => !done.has(name)).join(', ');
      throw new Error(
        `The models ${stuck} refer to each other in a circle; none of them can be built first.`,
      );
    }
    done.add(next);
    const model = byName.get(next);
    if (model) ordered.push(model);
  }
  return ordered;
}

export class ModelError extends Error {
  constructor(
    message: string,
    readonly model: string,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

export interface ModelTiming {
  model: string;
  milliseconds: number;
}

/**
 * Creates one table (or view) per model, in order. A failure names the model and the engine's
 * reason. A view's time is spent by the models that read it. `tableBuilt` hears of each table
 * once it is made (no model replaces another's table, so it is final).
 */
export async function runModels(
  warehouse: Warehouse,
  models: readonly SqlModel[],
  tableBuilt?: (name: string) => void,
): Promise<ModelTiming[]> {
  const timings: ModelTiming[] = [];
  for (const model of models) {
    const started = performance.now();
    try {
      await warehouse.run(modelStatement(model));
    } catch (error) {
      throw new ModelError(
        `The ${model.layer} model ${model.name} could not be built: ${firstLine(error)}`,
        model.name,
      );
    }
    timings.push({ model: model.name, milliseconds: performance.now() - started });
    if (model.materialized === 'table') tableBuilt?.(model.name);
  }
  return timings;
}

/**
 * Engine settings for building a snapshot. Without them DuckDB checkpoints (compresses and
 * writes to the file) every time the write-ahead log passes 16 MB, several times per model,
 * which made the build 3-5 times slower than the same SQL in memory; the builder checkpoints
 * once at the end instead. Row order of a model's table carries no meaning (readers sort).
 */
export const DUCKDB_BUILD_SETTINGS = [
  `set checkpoint_threshold = '4GB'`,
  `set preserve_insertion_order = false`,
];

/**
 * Functions the models call whose spelling differs between engines, defined per engine so that
 * the model files stay in SQL that DuckDB and PostgreSQL both accept.
 */
export const DUCKDB_MODEL_FUNCTIONS = [
  `create or replace macro has_factor(factor_list, factor_code) as coalesce(list_contains(factor_list, factor_code), false)`,
];

export const POSTGRES_MODEL_FUNCTIONS = [
  `create or replace function has_factor(factor_list text[], factor_code text) returns boolean
     language sql immutable as $$ select coalesce(factor_code = any(factor_list), false) $$`,
];

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim() ?? message;
}

function withoutComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, '');
}

function stripTrailingSemicolon(sql: string): string {
  return sql.trim().replace(/;\s*$/, '');
}
