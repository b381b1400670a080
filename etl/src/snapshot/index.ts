export {
  buildSnapshot,
  buildMemoryLimit,
  buildWarehouse,
  buildModels,
  createSourceTables,
  loadSubmissions,
  rankFiles,
  type WarehouseBuildOptions,
  type WarehouseBuildOutcome,
  type ModelBuildOptions,
} from './build-snapshot';
export {
  discoverModels,
  modelStatement,
  runModels,
  MODEL_LAYERS,
  DUCKDB_BUILD_SETTINGS,
  DUCKDB_MODEL_FUNCTIONS,
  POSTGRES_MODEL_FUNCTIONS,
  type SqlModel,
  type ModelLayer,
} from './model-runner';
export { discoverDataTests, runDataTests, type DataTest } from './data-tests';
export { modelsDir, dataTestsDir } from './paths';
export { SOURCE_COLUMNS, LINEAGE_COLUMNS } from './source-tables';
export { quarterIndex, periodRows } from './periods';
export { SCORECARD_RECORD_VIEW_SQL } from './scorecard-record-view';
