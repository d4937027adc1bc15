import type { BenchContext, ResultRow } from '../core/benchmark-module.js';
import { createScratchDatabase, type ScratchDatabase } from '../core/scratch-database.js';
import { cachedOrdersCsv, type CsvFile } from '../data/cached-csv.js';
import type { CsvSpec } from '../data/generate-csv.js';
import { runPsqlCopyBaseline, type CopyBaseline } from './psql-copy-baseline.js';
import { runPipelineIngest, type PipelineRun } from './pipeline-ingest-run.js';

export interface IngestComparison {
  readonly csv: CsvFile;
  readonly copy: CopyBaseline;
  readonly runs: readonly { readonly primaryKey: boolean; readonly run: PipelineRun }[];
  readonly rows: readonly ResultRow[];
}

export const COPY_PATH = 'psql \\copy → plain typed table';

export function pipelinePath(primaryKey: boolean): string {
  return `pipeline ingest, local mode, all sinks, ${primaryKey ? 'primary key id (dedupe)' : 'no primary key'}`;
}

/**
 * One file, measured twice or more in the same run on the same server: `psql \copy` first (the
 * ceiling), then `pipeline ingest` once per primary-key variant, each in its own fresh database.
 */
export async function runIngestComparison(
  ctx: BenchContext,
  benchmark: string,
  spec: CsvSpec,
  variants: readonly boolean[],
): Promise<IngestComparison> {
  const serverUrl = await ctx.postgresUrl(); // first: without a server there is no point generating
  const csv = await cachedOrdersCsv(ctx.cacheDir, spec, ctx.progress);
  const copy = await inScratchDatabase(ctx, serverUrl, 'copy', (db) => runPsqlCopyBaseline(db.url, csv, ctx.progress));
  const rows: ResultRow[] = [
    { benchmark, path: COPY_PATH, rows: csv.rows, seconds: copy.seconds, bytes: csv.bytes, baselineSeconds: copy.seconds },
  ];
  const runs: { primaryKey: boolean; run: PipelineRun }[] = [];
  for (const primaryKey of variants) {
    const run = await inScratchDatabase(ctx, serverUrl, primaryKey ? 'pk' : 'nopk', (db) =>
      runPipelineIngest({ root: ctx.root, databaseUrl: db.url, csv, primaryKey, keep: ctx.options.keep, progress: ctx.progress }),
    );
    runs.push({ primaryKey, run });
    rows.push({
      benchmark,
      path: pipelinePath(primaryKey),
      rows: csv.rows,
      seconds: run.seconds,
      bytes: csv.bytes,
      peakRssBytes: run.peakRssBytes ?? undefined,
      baselineSeconds: copy.seconds,
    });
  }
  return { csv, copy, runs, rows };
}

async function inScratchDatabase<T>(
  ctx: BenchContext,
  serverUrl: string,
  tag: string,
  use: (db: ScratchDatabase) => Promise<T>,
): Promise<T> {
  const db = await createScratchDatabase(serverUrl, tag);
  try {
    return await use(db);
  } finally {
    if (ctx.options.keep) ctx.progress.say(`kept database ${db.name}`);
    else await db.drop();
  }
}

/** Notes shared by the ingest benchmarks: how each figure was taken. */
export function ingestNotes(comparison: IngestComparison): string[] {
  const processing = comparison.runs
    .map(
      ({ primaryKey, run }) =>
        `${primaryKey ? 'with' : 'without'} primary key ${run.processingMs === null ? '?' : (run.processingMs / 1000).toFixed(2)} s`,
    )
    .join(', ');
  const peaks = comparison.runs
    .map(
      ({ primaryKey, run }) =>
        `${primaryKey ? 'with' : 'without'} primary key at ${run.peakAtSeconds?.toFixed(1) ?? '?'} s of ${run.seconds.toFixed(1)} s`,
    )
    .join(', ');
  return [
    `input: ${comparison.csv.path} (${comparison.csv.rows} rows, ${comparison.csv.bytes} bytes, 10 columns; MB = 10^6 bytes)`,
    'seconds: wall clock around the child process (psql, or bin/pipeline.js ingest FILE --dataset bench_orders --json, the executable `npx pipeline` runs), start-up included',
    `pipeline processing time reported by the ingestion itself (IngestionStarted → finished): ${processing}`,
    `peak RSS: max of the child’s VmHWM and of the summed VmRSS of its process tree, sampled from /proc every 50 ms (the PostgreSQL server’s memory is not included); pipeline peak reached ${peaks}`,
    'each pipeline run: fresh DATA_DIR and fresh database; afterwards processed_data, the Parquet files (read back with DuckDB) and the JSON Lines files each had to hold every row',
  ];
}
