import tseslint from 'typescript-eslint';

const forbiddenInDomain = ['@nestjs/*', 'typeorm', 'typeorm/*', '@aws-sdk/*', 'pg', 'pg-*', '@electric-sql/*', '@duckdb/*', '@apollo/*', 'graphql'];

export default tseslint.config(
  { ignores: ['.tmp/**', 'bench/.cache/**', 'dist/**', 'node_modules/**', 'coverage/**', '.pipeline/**', 'test-artifacts/**', '**/*.mjs', 'bin/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      complexity: ['warn', 12],
      'max-lines': ['warn', { max: 250, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Nest needs runtime class references for DI tokens; type-only imports would erase them.
    files: ['apps/**/*.ts', 'libs/application/**/*.ts', 'libs/adapters/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: forbiddenInDomain, message: 'libs/domain stays pure: no framework, ORM, driver or SDK imports.' },
        { group: ['@pipeline/application/*', '@pipeline/adapters/*', '**/apps/**'], message: 'The domain depends on nothing outside itself.' },
      ] }],
    },
  },
  {
    files: ['libs/application/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@pipeline/adapters/*', '**/apps/**', '@aws-sdk/*', 'pg', 'typeorm'], message: 'Application code talks to ports, never to adapters or drivers.' },
      ] }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'max-lines': 'off' },
  },
);
