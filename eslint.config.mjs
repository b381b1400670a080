import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const frameworks = ['@nestjs/*', 'typeorm', 'react', 'react-dom', 'express'];

/**
 * The forbidden imports of docs/architecture.md. Each block below lists every pattern for its
 * files, because a later block's `no-restricted-imports` replaces an earlier one's.
 */
const duckdbOnlyInWarehouse = {
  group: ['@duckdb/*'],
  message: 'Only libs/warehouse opens DuckDB: use @oscp/warehouse.',
};
const restrict = (...patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});

const dashboardOnlyContracts = {
  group: ['@oscp/*', '!@oscp/contracts', '**/libs/**', '**/apps/**', '**/etl/**'],
  message: 'dashboards may import only @oscp/contracts.',
};
const dashboardFeatures = readdirSync(new URL('./dashboards/src/features', import.meta.url), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'demo-inbox/**', 'demo-data/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    // Default exports only in framework entry points (config files).
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['**/*.config.ts', '**/*.config.mts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    // Back-end code reaches DuckDB only through libs/warehouse.
    files: ['apps/**/*.ts', 'etl/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    rules: restrict(duckdbOnlyInWarehouse),
  },
  {
    // Pure libraries import no framework and no application code.
    files: ['libs/**/*.ts'],
    ignores: ['libs/warehouse/**'],
    rules: restrict(
      { group: frameworks, message: 'libs/* are framework-free.' },
      {
        group: ['@oscp/api', '@oscp/etl', '**/apps/**', '**/etl/**'],
        message: 'libs/* may not import apps or etl.',
      },
      duckdbOnlyInWarehouse,
    ),
  },
  {
    files: ['libs/contracts/**/*.ts', 'libs/calendar/**/*.ts'],
    rules: restrict(
      { group: ['@oscp/*', ...frameworks], message: 'This library imports nothing of the project.' },
      duckdbOnlyInWarehouse,
    ),
  },
  {
    // The one library that opens DuckDB imports nothing else of the project.
    files: ['libs/warehouse/**/*.ts'],
    rules: restrict({
      group: ['@oscp/*', ...frameworks],
      message: 'This library imports nothing of the project.',
    }),
  },
  {
    files: ['etl/**/*.ts'],
    rules: restrict(
      { group: ['@nestjs/*', '@oscp/api', '**/apps/**'], message: 'etl may import libs only.' },
      duckdbOnlyInWarehouse,
    ),
  },
  {
    // The dashboard talks to the API only through the contracts' types.
    files: ['dashboards/**/*.ts', 'dashboards/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(dashboardOnlyContracts),
  },
  {
    // Shared code (src/lib, src/components) imports no feature and not the app shell.
    files: ['dashboards/src/lib/**/*.{ts,tsx}', 'dashboards/src/components/**/*.{ts,tsx}'],
    rules: restrict(dashboardOnlyContracts, {
      group: ['**/features/**', '**/app/**'],
      message: 'src/lib and src/components are shared: they may not import a feature or src/app.',
    }),
  },
  // A feature imports src/lib, src/components and itself: never another feature, nor src/app.
  ...dashboardFeatures.map((feature) => ({
    files: [`dashboards/src/features/${feature}/**/*.{ts,tsx}`],
    rules: restrict(dashboardOnlyContracts, {
      group: [
        '**/app/**',
        ...dashboardFeatures
          .filter((other) => other !== feature)
          .flatMap((other) => [`**/features/${other}/**`, `../../${other}/**`, `../${other}/**`]),
      ],
      message: `Features never import each other or src/app: move what ${feature} shares to src/lib or src/components.`,
    }),
  })),
);
