const swc = ['@swc/jest', { swcrc: false, ...JSON.parse((await import('node:fs')).readFileSync(new URL('./.swcrc', import.meta.url), 'utf8')), exclude: [] }];
const common = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@pipeline/domain/(.*)\\.js$': '<rootDir>/libs/domain/src/$1',
    '^@pipeline/application/(.*)\\.js$': '<rootDir>/libs/application/src/$1',
    '^@pipeline/adapters/(.*)\\.js$': '<rootDir>/libs/adapters/src/$1',
    '^@pipeline/testing/(.*)\\.js$': '<rootDir>/test/support/$1',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'], testPathIgnorePatterns: ['\\.contract\\.spec\\.ts$', '/node_modules/'] },
    { ...common, displayName: 'contract', testMatch: ['<rootDir>/test/contract/**/*.contract.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
  ],
};
