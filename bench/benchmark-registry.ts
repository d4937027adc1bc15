import type { BenchmarkModule } from './core/benchmark-module.js';
import { ingest1gbBenchmark } from './modules/ingest-1gb.benchmark.js';
import { ingest1mBenchmark } from './modules/ingest-1m.benchmark.js';

/** Every benchmark, in the order they run and print. Add new modules here. */
export const BENCHMARKS: readonly BenchmarkModule[] = [ingest1mBenchmark, ingest1gbBenchmark];
