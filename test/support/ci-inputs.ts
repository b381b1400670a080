import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The inputs some suites need from outside the repository. Locally a suite without them skips and
 * says why; in CI (`CI=true`) the run fails before any test starts, so nothing skips silently.
 */
const repoRoot = resolve(__dirname, '..', '..');

export const SAMPLE_DIR = resolve(repoRoot, '..', 'shared', 'reference', 'sample');

export const CI_INPUTS = {
  sample: {
    present: () =>
      existsSync(join(SAMPLE_DIR, 'inbox')) && existsSync(join(SAMPLE_DIR, 'expected-scorecards.json')),
    missing: () => `the sample inbox and expected-scorecards.json at ${SAMPLE_DIR} (beside the repository)`,
  },
  postgres: {
    present: () => Boolean(process.env.TEST_DATABASE_URL?.trim()),
    missing: () => 'TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)',
  },
  dashboard: {
    // Built by `npm run build` (npm test's pretest); the HTTP tests of pages and assets need it.
    present: () => existsSync(join(repoRoot, 'dashboards', 'dist', 'index.html')),
    missing: () => 'the built dashboard, dashboards/dist/index.html (run npm run build)',
  },
  chromium: {
    present: () => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
    missing: () => `Chromium at ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} (set CHROMIUM_PATH)`,
  },
} as const;

export type CiInput = keyof typeof CI_INPUTS;

/** Throws, under `CI=true`, naming every one of `inputs` that is missing. */
export function requireInCi(inputs: readonly CiInput[], env: NodeJS.ProcessEnv = process.env): void {
  if (env.CI !== 'true') return;
  const missing = inputs
    .filter((input) => !CI_INPUTS[input].present())
    .map((input) => CI_INPUTS[input].missing());
  if (missing.length > 0) {
    throw new Error(
      `CI=true and these suites' inputs are missing, so they would skip: ${missing.join('; ')}.`,
    );
  }
}
