import { motoServerOnPath, startMotoProcess } from './aws-moto-process.js';
import { runAwsProcessor, type AwsRun } from './aws-processor-run.js';
import type { BenchContext, BenchmarkModule, ResultRow } from './core/benchmark-module.js';
import { createScratchDatabase } from './core/scratch-database.js';
import { cachedOrdersCsv } from './data/cached-csv.js';
import { DEFAULT_SEED } from './data/generate-csv.js';
import { runPipelineIngest, type PipelineRun } from './modules/pipeline-ingest-run.js';

const NAME = 'aws-processor';
const AWS_PATH = 'processor Lambda, aws mode (moto S3/SQS/DynamoDB + PostgreSQL): aws s3 cp + pipeline aws poll';
const LOCAL_PATH = 'pipeline ingest, local mode (same file, same server)';

/**
 * The processor in aws mode against moto and PostgreSQL on the `--rows` orders CSV, next to local
 * mode on the same file and server: rows/s of each and their ratio. Runs by default when
 * moto_server is on PATH.
 */
export const awsProcessorBenchmark: BenchmarkModule = {
  name: NAME,
  description: 'processor in aws mode (moto + PostgreSQL) vs local mode, same CSV',
  byDefault: () => motoServerOnPath(),
  async run(ctx) {
    const serverUrl = await ctx.postgresUrl();
    const csv = await cachedOrdersCsv(ctx.cacheDir, { seed: DEFAULT_SEED, rows: ctx.options.rows }, ctx.progress);
    const moto = await startMotoProcess();
    let aws: AwsRun;
    try {
      aws = await inDatabase(ctx, serverUrl, 'aws', (url) =>
        runAwsProcessor({ root: ctx.root, motoUrl: moto.url, databaseUrl: url, csv, progress: ctx.progress }),
      );
    } finally {
      await moto.stop();
    }
    const local = await inDatabase(ctx, serverUrl, 'local', (url) =>
      runPipelineIngest({ root: ctx.root, databaseUrl: url, csv, primaryKey: true, keep: ctx.options.keep, progress: ctx.progress }),
    );
    const awsSeconds = aws.uploadSeconds + aws.pollSeconds;
    const rows: ResultRow[] = [
      {
        benchmark: NAME,
        path: AWS_PATH,
        rows: csv.rows,
        seconds: awsSeconds,
        bytes: csv.bytes,
        peakRssBytes: aws.peakRssBytes ?? undefined,
      },
      {
        benchmark: NAME,
        path: LOCAL_PATH,
        rows: csv.rows,
        seconds: local.seconds,
        bytes: csv.bytes,
        peakRssBytes: local.peakRssBytes ?? undefined,
      },
    ];
    return { rows, verdicts: [], notes: notes(aws, local, awsSeconds, csv.rows) };
  },
};

function notes(aws: AwsRun, local: PipelineRun, awsSeconds: number, rows: number): string[] {
  const seconds = (ms: number | null) => (ms === null ? '?' : (ms / 1000).toFixed(2));
  const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? '?' : (a / b).toFixed(2));
  return [
    `aws mode end to end ${awsSeconds.toFixed(2)} s = upload ${aws.uploadSeconds.toFixed(2)} s + poll ${aws.pollSeconds.toFixed(2)} s; ${ratio(awsSeconds, local.seconds)}× the local run's ${local.seconds.toFixed(2)} s`,
    `processing alone (IngestionStarted → IngestionCompleted): aws ${seconds(aws.processingMs)} s vs local ${seconds(local.processingMs)} s, ${ratio(aws.processingMs, local.processingMs)}×; ${aws.rowsStored.toLocaleString('en-US')} of ${rows.toLocaleString('en-US')} rows stored`,
    'aws mode reads the raw object from S3 and writes Parquet and JSON Lines back to S3 (moto, one Python process on this machine), keeps events in DynamoDB (moto) and rows in PostgreSQL; poll includes starting the handler (Nest context, SDK clients, migrations check)',
  ];
}

async function inDatabase<T>(ctx: BenchContext, serverUrl: string, tag: string, use: (url: string) => Promise<T>): Promise<T> {
  const db = await createScratchDatabase(serverUrl, tag);
  try {
    return await use(db.url);
  } finally {
    if (ctx.options.keep) ctx.progress.say(`kept database ${db.name}`);
    else await db.drop();
  }
}
