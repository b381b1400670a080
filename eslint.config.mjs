import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const frameworks = ['@nestjs/*', 'typeorm', 'react', 'react-dom', 'express'];

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
    // Pure libraries import no framework and no application code.
    files: ['libs/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: frameworks, message: 'libs/* are framework-free.' },
            {
              group: ['@oscp/api', '@oscp/etl', '**/apps/**', '**/etl/**'],
              message: 'libs/* may not import apps or etl.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/contracts/**/*.ts', 'libs/calendar/**/*.ts', 'libs/warehouse/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@oscp/*', ...frameworks], message: 'This library imports nothing of the project.' },
          ],
        },
      ],
    },
  },
  {
    files: ['etl/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', '@oscp/api', '**/apps/**'], message: 'etl may import libs only.' },
          ],
        },
      ],
    },
  },
  {
    // The dashboard talks to the API only through the contracts' types.
    files: ['dashboards/**/*.ts', 'dashboards/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@oscp/*', '!@oscp/contracts', '**/libs/**', '**/apps/**', '**/etl/**'],
              message: 'dashboards may import only @oscp/contracts.',
            },
          ],
        },
      ],
    },
  },
);
