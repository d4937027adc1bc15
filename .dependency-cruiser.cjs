/** Layer rules (apps → application → domain ← adapters) and no import cycles. Run by `npm run lint`. */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Import cycles hide layering mistakes and break ESM init order.', from: {}, to: { circular: true } },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'libs/domain imports nothing outside itself except node built-ins.',
      from: { path: '^libs/domain/' },
      to: { pathNot: ['^libs/domain/', '^node:', '^(crypto|stream|util)$'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'application-talks-to-ports',
      severity: 'error',
      from: { path: '^libs/application/' },
      to: { path: ['^libs/adapters/', '^apps/', 'node_modules/(typeorm|pg|@aws-sdk|@duckdb|@electric-sql)/'] },
    },
    { name: 'adapters-below-application', severity: 'error', from: { path: '^libs/adapters/' }, to: { path: ['^libs/application/', '^apps/'] } },
    { name: 'libs-never-import-apps', severity: 'error', from: { path: '^libs/' }, to: { path: '^apps/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.spec\\.ts$', '\\.e2e-spec\\.ts$', '^dist/', '^\\.tmp/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
