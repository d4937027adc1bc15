import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onAbort } from '../core/exit-cleanup.js';
import { runMeasured } from '../core/measured-process.js';
import { formatMegabytes, type ProgressReporter } from '../core/progress-reporter.js';
import { BENCH_DATASET, benchOrdersContractYaml } from '../data/bench-orders-contract.js';
import type { CsvFile } from '../data/cached-csv.js';
import { countSinkOutputs, type SinkCounts } from './ingest-output-check.js';

export interface PipelineRunRequest {
  readonly root: string;
  /** A fresh, empty database: the pipeline migrates it and loads into it. */
  readonly databaseUrl: string;
  readonly csv: CsvFile;
  readonly primaryKey: boolean;
  readonly keep: boolean;
  readonly progress: ProgressReporter;
}

export interface PipelineRun {
  readonly seconds: number;
  readonly peakRssBytes: number | null;
  readonly peakAtSeconds: number | null;
  readonly ingestionId: string;
  /** The pipeline's own processing time (IngestionStarted → finished), without process start-up. */
  readonly processingMs: number | null;
  readonly outputs: SinkCounts;
  readonly dataDir: string;
}

/**
 * `pipeline ingest FILE` as a user runs it, in local mode against real PostgreSQL: a child process
 * with a fresh DATA_DIR, timed by wall clock with its memory sampled. The contract is recorded
 * first, in a separate process, so the timed run neither infers types nor runs migrations.
 */
export async function runPipelineIngest(request: PipelineRunRequest): Promise<PipelineRun> {
  const work = await mkdtemp(join(tmpdir(), 'pipeline-bench-'));
  const forget = onAbort(() => rmSync(work, { recursive: true, force: true }));
  const dataDir = join(work, 'data');
  const contractFile = join(work, `${BENCH_DATASET}.yaml`);
  await mkdir(join(work, 'datasets'));
  await writeFile(contractFile, benchOrdersContractYaml(request.primaryKey));
  const env = {
    ...process.env,
    PIPELINE_MODE: 'local',
    DATA_DIR: dataDir,
    DATASETS_DIR: join(work, 'datasets'),
    DATABASE_URL: request.databaseUrl,
  };
  const cli = join(request.root, 'bin/pipeline.js');
  try {
    // Run as `npx pipeline` runs it: the executable, so its shebang's node flags apply.
    const define = await runMeasured(cli, ['datasets', 'define', contractFile], { env, cwd: work });
    if (define.exitCode !== 0)
      throw new Error(`pipeline datasets define failed (exit ${define.exitCode}): ${tail(define.stderrTail + define.stdout)}`);
    const { progress, csv } = request;
    progress.say(`pipeline ingest of ${csv.rows} rows (${formatMegabytes(csv.bytes)}), primary key ${request.primaryKey ? 'id' : 'none'}`);
    // Not --quiet: its progress lines (stderr, every 5 s off a terminal) tell how many rows are through.
    let rowsSoFar = '';
    const run = await runMeasured(cli, ['ingest', csv.path, '--dataset', BENCH_DATASET, '--json'], {
      env,
      cwd: work,
      onStderr: (text) => (rowsSoFar = /([\d,]+ rows)[^\n]*\n?$/.exec(text)?.[1] ?? rowsSoFar),
      onSample: (elapsed, rss) => progress.update('pipeline ingest', `${rowsSoFar || 'starting'}, RSS ${formatMegabytes(rss)}`, elapsed),
    });
    progress.clear();
    const view = parseView(run.stdout);
    if (run.exitCode !== 0 || view?.status !== 'completed') {
      throw new Error(
        `pipeline ingest did not complete (exit ${run.exitCode ?? run.signal}, status ${view?.status ?? '?'}): ${tail(run.stderrTail + run.stdout)}`,
      );
    }
    progress.say(`pipeline ingest: ${run.seconds.toFixed(2)} s; counting what each sink holds`);
    const outputs = await countSinkOutputs(request.databaseUrl, dataDir, BENCH_DATASET, view.ingestionId);
    checkOutputs(outputs, csv.rows);
    return {
      seconds: run.seconds,
      peakRssBytes: run.peakRssBytes,
      peakAtSeconds: run.peakAtSeconds,
      ingestionId: view.ingestionId,
      processingMs: view.durationMs,
      outputs,
      dataDir,
    };
  } finally {
    forget();
    if (!request.keep) await rm(work, { recursive: true, force: true });
    else request.progress.say(`kept ${work}`);
  }
}

interface ViewSummary {
  readonly ingestionId: string;
  readonly status: string;
  readonly durationMs: number | null;
}

/** `--json` prints the ingestion view; tolerate log lines before it. */
function parseView(stdout: string): ViewSummary | null {
  const start = stdout.indexOf('{');
  if (start === -1) return null;
  try {
    return JSON.parse(stdout.slice(start)) as ViewSummary;
  } catch {
    return null;
  }
}

function checkOutputs(outputs: SinkCounts, expectedRows: number): void {
  const wrong = [
    outputs.postgresRows !== expectedRows && `processed_data has ${outputs.postgresRows} rows`,
    outputs.parquetFiles === 0 && 'no Parquet file was written',
    outputs.parquetRows !== expectedRows && `the Parquet files hold ${outputs.parquetRows} rows`,
    outputs.jsonlRows !== expectedRows && `the JSON Lines files hold ${outputs.jsonlRows} rows`,
  ].filter(Boolean);
  if (wrong.length > 0) throw new Error(`pipeline output check failed (expected ${expectedRows} rows everywhere): ${wrong.join('; ')}`);
}

function tail(text: string): string {
  return text.trim().split('\n').slice(-12).join('\n');
}
