import type { ProgressReporter } from './progress-reporter.js';

/** One line of the comparison table. */
export interface ResultRow {
  readonly benchmark: string;
  /** What was measured, e.g. `psql \copy → plain table` or `pipeline ingest (local, all sinks)`. */
  readonly path: string;
  readonly rows: number;
  readonly seconds: number;
  /** Input bytes, for MB/s; absent when the unit of work is not a file. */
  readonly bytes?: number;
  /** Peak resident memory of the measured process tree; absent when not measured. */
  readonly peakRssBytes?: number;
  /** Wall time of the baseline this row is compared with (the `\copy` of the same file). */
  readonly baselineSeconds?: number;
}

/** A target from the issue, checked against what was measured: printed, never asserted. */
export interface Verdict {
  readonly target: string;
  readonly measured: string;
  readonly pass: boolean;
}

export interface BenchmarkResult {
  readonly rows: readonly ResultRow[];
  readonly verdicts: readonly Verdict[];
  /** How things were measured, and anything a reader of the figures should know. */
  readonly notes: readonly string[];
}

export interface BenchOptions {
  readonly rows: number;
  readonly with1gb: boolean;
  readonly only: readonly string[];
  readonly keep: boolean;
}

export interface BenchContext {
  readonly root: string;
  readonly cacheDir: string;
  readonly options: BenchOptions;
  readonly progress: ProgressReporter;
  /** The real PostgreSQL server (started on first call); throws PostgresUnavailableError when there is none. */
  postgresUrl(): Promise<string>;
}

/** A named benchmark. The runner picks modules by name, runs them in order and prints their rows in one table. */
export interface BenchmarkModule {
  readonly name: string;
  readonly description: string;
  /** Run without `--only` naming it? (Long runs are opt-in.) */
  readonly byDefault: (options: BenchOptions) => boolean;
  run(ctx: BenchContext): Promise<BenchmarkResult>;
}
