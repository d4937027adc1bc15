import type { BenchmarkModule, Verdict } from '../core/benchmark-module.js';
import { formatMegabytes } from '../core/progress-reporter.js';
import { DEFAULT_SEED } from '../data/generate-csv.js';
import { ingestNotes, pipelinePath, runIngestComparison } from './ingest-comparison.js';
import { rateVerdict } from './ingest-1m.benchmark.js';

/** 1 GiB rather than 10^9 bytes: the larger reading of "1 GB" is the stricter test. */
export const ONE_GB_INPUT_BYTES = 2 ** 30;
/** 300 MB as 300·10^6 bytes, again the stricter reading. */
export const MAX_PEAK_RSS_BYTES = 300e6;

/** The memory bound: a ~1 GiB file through the pipeline without a primary key (no dedupe state). Opt-in: `--with-1gb`. */
export const ingest1gbBenchmark: BenchmarkModule = {
  name: 'ingest-1gb',
  description: 'peak memory of the pipeline on a ~1 GiB CSV (and its rate vs \\copy)',
  byDefault: (options) => options.with1gb,
  async run(ctx) {
    const comparison = await runIngestComparison(ctx, 'ingest-1gb', { seed: DEFAULT_SEED, targetBytes: ONE_GB_INPUT_BYTES }, [false]);
    const verdicts: Verdict[] = [];
    for (const { primaryKey, run } of comparison.runs) {
      verdicts.push({
        target: `${pipelinePath(primaryKey)}: peak RSS < ${formatMegabytes(MAX_PEAK_RSS_BYTES)} for a ${formatMegabytes(comparison.csv.bytes)} input`,
        measured: run.peakRssBytes === null ? 'not measured (no /proc)' : formatMegabytes(run.peakRssBytes),
        pass: run.peakRssBytes !== null && run.peakRssBytes < MAX_PEAK_RSS_BYTES,
      });
      verdicts.push(rateVerdict(pipelinePath(primaryKey), comparison.copy.seconds, run.seconds));
    }
    return { rows: comparison.rows, verdicts, notes: ingestNotes(comparison) };
  },
};
