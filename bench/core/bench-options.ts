import { parseArgs } from 'node:util';
import type { BenchOptions } from './benchmark-module.js';

export const USAGE = `npm run bench -- [--rows N] [--with-1gb] [--only NAME[,NAME…]] [--keep] [--list]
  --rows N      rows in the comparison file (default 1000000)
  --with-1gb    also run the ~1 GiB memory benchmark (ingest-1gb; minutes)
  --only NAMES  run just these benchmarks (comma-separated), whatever their default
  --keep        keep the scratch databases and DATA_DIRs for inspection
  --list        list the benchmarks and exit
Uses DATABASE_URL (the benchmark creates and drops databases bench_* on it) or starts a throwaway
PostgreSQL with scripts/test-postgres.sh. Table on stdout and in bench/results/latest.json; progress on stderr.`;

export class BenchUsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'BenchUsageError';
  }
}

export function parseBenchOptions(argv: readonly string[]): BenchOptions & { readonly list: boolean; readonly help: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      rows: { type: 'string', default: '1000000' },
      'with-1gb': { type: 'boolean', default: false },
      only: { type: 'string', multiple: true, default: [] },
      keep: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 1)
    throw new BenchUsageError(`--rows must be a positive integer, not ${JSON.stringify(values.rows)}`);
  const only = values.only
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return { rows, with1gb: values['with-1gb'], only, keep: values.keep, list: values.list, help: values.help };
}
