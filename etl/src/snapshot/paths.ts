import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ETL_PACKAGE_NAME = '@oscp/etl';
let packageDirCache: string | undefined;

/**
 * The `etl` package folder, found by walking up from this file: the same code runs from
 * `etl/src` (tests) and `etl/dist` (built), and the SQL models ship beside both in `etl/models`.
 */
export function etlPackageDir(): string {
  if (packageDirCache) return packageDirCache;
  let dir = __dirname;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && packageNameOf(manifest) === ETL_PACKAGE_NAME) {
      packageDirCache = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`Could not find the ${ETL_PACKAGE_NAME} package folder above ${__dirname}.`);
    dir = parent;
  }
}

/** `etl/models`: one folder per layer, one model per `.sql` file. */
export function modelsDir(): string {
  return join(etlPackageDir(), 'models');
}

/** `etl/tests`: data tests, each a query returning the rows that fail it. */
export function dataTestsDir(): string {
  return join(etlPackageDir(), 'tests');
}

function packageNameOf(manifest: string): string | undefined {
  const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
  if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && typeof parsed.name === 'string') {
    return parsed.name;
  }
  return undefined;
}
