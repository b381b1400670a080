import { DATASETS, type Dataset } from '../types';
import { loadContracts, type Contracts } from './load';
import type { ColumnType, DatasetContract } from './schema';

/** The DuckDB type each contract type is stored as (the accepted rows' Parquet, the source tables). */
export const DUCKDB_TYPES: Record<ColumnType, string> = {
  id: 'VARCHAR',
  code: 'VARCHAR',
  text: 'VARCHAR',
  period: 'VARCHAR',
  financial_year: 'VARCHAR',
  date: 'DATE',
  datetime: 'TIMESTAMP',
  flag: 'BOOLEAN',
  int: 'INTEGER',
  year: 'INTEGER',
  number: 'DOUBLE',
  code_list: 'VARCHAR[]',
};

export type TypedColumn = readonly [name: string, sqlType: string];

/** A dataset's columns in contract order, with their DuckDB types. */
export function contractColumns(contract: DatasetContract): TypedColumn[] {
  return contract.columns.map((column) => [column.name, DUCKDB_TYPES[column.type]] as const);
}

/** Every dataset's typed columns, from `etl/contracts` (the only list of them). */
export function datasetColumns(
  contracts: Contracts = loadContracts(),
): Record<Dataset, readonly TypedColumn[]> {
  return byDataset((dataset) => contractColumns(contracts.datasets[dataset]));
}

/** Every dataset's header, in contract order. */
export function datasetHeaders(contracts: Contracts = loadContracts()): Record<Dataset, readonly string[]> {
  return byDataset((dataset) => contracts.datasets[dataset].columns.map((column) => column.name));
}

function byDataset<T>(value: (dataset: Dataset) => T): Record<Dataset, T> {
  const out = {} as Record<Dataset, T>;
  for (const dataset of DATASETS) out[dataset] = value(dataset);
  return out;
}
