/**
 * The built ETL child, which `oscp etl run` forks for every run, starts without zod: the shipped
 * catalogue and contracts were checked by `npm run build`, so loading them validates nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli';

const BUILT_CHILD = join(REPO_ROOT, 'etl', 'dist', 'isolated', 'child.js');
const BUILT_CONTRACTS = join(REPO_ROOT, 'etl', 'dist', 'contracts', 'load.js');

/** The zod modules a fresh Node process has loaded after running `script`. */
function zodModulesAfter(script: string): string[] {
  const probe = `${script};
    const zod = Object.keys(require.cache).filter((file) => file.includes('/node_modules/zod/'));
    process.stdout.write(JSON.stringify(zod), () => process.exit(0));`;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', probe], { cwd: REPO_ROOT, encoding: 'utf8' }),
  ) as string[];
}

describe('the built ETL child', () => {
  it('loads its modules, the catalogue and the contracts without loading zod', () => {
    if (!existsSync(BUILT_CHILD)) throw new Error('The ETL is not built: run "npm run build" first.');
    const load = `require(${JSON.stringify(BUILT_CHILD)});
      require(${JSON.stringify(BUILT_CONTRACTS)}).loadContracts();`;
    expect(zodModulesAfter(load)).toEqual([]);
    // The probe sees zod when it is loaded.
    expect(zodModulesAfter(`${load} require('zod')`).length).toBeGreaterThan(0);
  });
});
