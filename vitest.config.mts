import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

// Tests run against the sources, not the built dist folders.
const alias = {
  '@oscp/contracts': here('./libs/contracts/src/index.ts'),
  '@oscp/calendar': here('./libs/calendar/src/index.ts'),
  // Subpath exports before their package, which would otherwise match them as a prefix.
  '@oscp/scorecard/catalogue-schema': here('./libs/scorecard/src/catalogue-schema.ts'),
  '@oscp/scorecard': here('./libs/scorecard/src/index.ts'),
  '@oscp/warehouse': here('./libs/warehouse/src/index.ts'),
  '@oscp/etl/isolated': here('./etl/src/isolated/index.ts'),
  '@oscp/etl': here('./etl/src/index.ts'),
};

// Nest needs decorator metadata, which esbuild does not emit: compile TypeScript with SWC.
const swcPlugin = swc.vite({ module: { type: 'es6' } });

export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    projects: [
      {
        plugins: [swcPlugin],
        resolve: { alias },
        test: {
          name: 'unit',
          // In CI a missing input fails the run instead of skipping suites.
          globalSetup: ['test/support/ci-inputs.unit.ts'],
          include: ['libs/*/src/**/*.spec.ts', 'etl/src/**/*.spec.ts', 'apps/api/src/**/*.spec.ts'],
          environment: 'node',
          env: { TZ: 'UTC' },
        },
      },
      {
        plugins: [react()],
        resolve: { alias },
        test: {
          name: 'dashboards',
          include: ['dashboards/src/**/*.spec.{ts,tsx}'],
          environment: 'happy-dom',
          env: { TZ: 'UTC' },
        },
      },
      {
        plugins: [swcPlugin],
        resolve: { alias },
        test: {
          name: 'integration',
          // In CI a missing input fails the run instead of skipping suites.
          globalSetup: ['test/support/ci-inputs.integration.ts'],
          include: ['test/integration/**/*.spec.ts'],
          environment: 'node',
          env: { TZ: 'UTC' },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          maxWorkers: 2,
          // Integration files run after the unit and component tests, two at a time.
          sequence: { groupOrder: 1 },
        },
      },
      {
        plugins: [swcPlugin],
        resolve: { alias },
        test: {
          name: 'e2e',
          // In CI a missing input fails the run instead of skipping suites.
          globalSetup: ['test/support/ci-inputs.e2e.ts'],
          include: ['test/e2e/**/*.spec.ts'],
          environment: 'node',
          env: { TZ: 'UTC' },
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
