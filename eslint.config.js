// @ts-check
import tseslint from 'typescript-eslint';

const adapterModules = ['@slack/*', 'kysely', 'pg', 'node-cron', '@electric-sql/*', 'pino', 'prom-client'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'coverage/**', 'bench/results/**', '.tmp/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only src/config.ts reads process.env.' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    // Migrations are frozen in time.
    files: ['migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src/**'], message: 'migrations never import src/.' }] },
      ],
    },
  },
  {
    // The domain is pure: no Slack, database, scheduler, env or wall clock.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: adapterModules,
              message: 'src/domain must not depend on adapters; declare a port instead.',
            },
            {
              group: [
                '**/persistence/**',
                '**/slack/**',
                '**/scheduler/**',
                '**/config',
                '**/config.ts',
                '**/main',
                '**/cli/**',
              ],
              message: 'src/domain must not import adapter layers.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only src/config.ts reads process.env.' },
        { object: 'Date', property: 'now', message: 'Time comes from a Clock in the domain.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Time comes from a Clock in the domain.',
        },
      ],
    },
  },
  {
    // One composition root: listeners and jobs get repositories from the app context
    // (src/app-context.ts), never build them or hold `db`. Types may still be imported.
    files: ['src/slack/**/*.ts', 'src/scheduler/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/persistence/pg-*', '**/persistence/stores*', '**/persistence/database*', 'kysely'],
              allowTypeImports: true,
              message:
                'Listeners and jobs take repositories from the app context (src/app-context.ts); only types may be imported here.',
            },
          ],
        },
      ],
    },
  },
);
