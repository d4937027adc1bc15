import type { BenchmarkModule } from './core/benchmark-module.js';
import { ingest1gbBenchmark } from './modules/ingest-1gb.benchmark.js';
import { ingest1mBenchmark } from './modules/ingest-1m.benchmark.js';
import { graphqlRecordsBenchmark } from './graphql-records.benchmark.js';
import { reportGenerationBenchmark } from './report-generation.benchmark.js';
import { lambdaColdStartBenchmark } from './modules/lambda-cold-start.benchmark.js';
import { awsProcessorBenchmark } from './aws-processor.benchmark.js';

/** Every benchmark, in the order they run and print. Add new modules here. */
export const BENCHMARKS: readonly BenchmarkModule[] = [
  ingest1mBenchmark,
  ingest1gbBenchmark,
  graphqlRecordsBenchmark,
  reportGenerationBenchmark,
  lambdaColdStartBenchmark,
  awsProcessorBenchmark,
];
