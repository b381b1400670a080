import { PipelineTables1764576000000 } from './1764576000000-pipeline-tables';

/**
 * Every migration, oldest first. Add a line here with each new migration file (explicit classes
 * rather than a glob, so the same list works compiled and under the test runner).
 */
export const MIGRATIONS = [PipelineTables1764576000000];
