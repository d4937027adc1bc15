import type { BenchmarkModule, Verdict } from '../core/benchmark-module.js';
import { DEFAULT_SEED } from '../data/generate-csv.js';
import { ingestNotes, pipelinePath, runIngestComparison } from './ingest-comparison.js';

/** The floor: end to end at least 0.1× the `\copy` rate (i.e. at most 10× its time). */
export const MIN_RATE_VS_COPY = 0.1;

/** `--rows` (default 1,000,000) orders: `\copy` against the pipeline with and without a primary key. */
export const ingest1mBenchmark: BenchmarkModule = {
  name: 'ingest-1m',
  description: 'end-to-end ingest throughput vs psql \\copy of the same CSV',
  byDefault: () => true,
  async run(ctx) {
    const comparison = await runIngestComparison(ctx, 'ingest-1m', { seed: DEFAULT_SEED, rows: ctx.options.rows }, [true, false]);
    const verdicts = comparison.runs.map(({ primaryKey, run }) =>
      rateVerdict(pipelinePath(primaryKey), comparison.copy.seconds, run.seconds),
    );
    return { rows: comparison.rows, verdicts, notes: ingestNotes(comparison) };
  },
};

export function rateVerdict(path: string, copySeconds: number, seconds: number): Verdict {
  const ratio = copySeconds / seconds;
  return {
    target: `${path}: end to end ≥ ${MIN_RATE_VS_COPY}× the \\copy rate`,
    measured: `${ratio.toFixed(3)}× (${seconds.toFixed(2)} s vs ${copySeconds.toFixed(2)} s)`,
    pass: ratio >= MIN_RATE_VS_COPY,
  };
}
