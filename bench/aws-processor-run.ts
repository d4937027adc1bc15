import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMeasured, type MeasuredRun } from './core/measured-process.js';
import { formatMegabytes, type ProgressReporter } from './core/progress-reporter.js';
import { queryScalar, withClient } from './core/scratch-database.js';
import { BENCH_DATASET, benchOrdersContractYaml } from './data/bench-orders-contract.js';
import type { CsvFile } from './data/cached-csv.js';

export interface AwsRunRequest {
  readonly root: string;
  readonly motoUrl: string;
  /** A fresh database: provisioning turns it into the DB secret the handler reads. */
  readonly databaseUrl: string;
  readonly csv: CsvFile;
  readonly progress: ProgressReporter;
}

export interface AwsRun {
  /** `aws s3 cp` of the file into the raw bucket. */
  readonly uploadSeconds: number;
  /** `pipeline aws poll --until-idle`: the processor handler from the S3 event to an empty queue, process start included. */
  readonly pollSeconds: number;
  readonly peakRssBytes: number | null;
  /** IngestionStarted → IngestionCompleted, as the pipeline recorded it. */
  readonly processingMs: number | null;
  readonly rowsStored: number;
}

/**
 * The processor in aws mode as a user runs it on one machine: `pipeline aws provision` against
 * moto, the contract defined, the file uploaded with the real `aws` CLI, then `pipeline aws poll`
 * runs the processor Lambda handler on the S3 event (S3 reads, DynamoDB events, SQS, PostgreSQL
 * COPY, Parquet and JSON Lines written back to S3).
 */
export async function runAwsProcessor(request: AwsRunRequest): Promise<AwsRun> {
  const work = await mkdtemp(join(tmpdir(), 'pipeline-bench-aws-'));
  const cli = join(request.root, 'bin/pipeline.js');
  const base = {
    ...process.env,
    AWS_ENDPOINT_URL: request.motoUrl,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
  };
  try {
    const provisioned = await checked(
      'pipeline aws provision',
      runMeasured(process.execPath, [cli, 'aws', 'provision', '--prefix', 'bench-aws'], {
        env: { ...base, DATABASE_URL: request.databaseUrl },
        cwd: work,
      }),
    );
    const env: NodeJS.ProcessEnv = { ...base, ...exportsOf(provisioned.stdout), DATABASE_URL: '', DATA_DIR: join(work, 'data') };
    const contract = join(work, `${BENCH_DATASET}.yaml`);
    await writeFile(contract, benchOrdersContractYaml(true));
    await checked('pipeline datasets define', runMeasured(process.execPath, [cli, 'datasets', 'define', contract], { env, cwd: work }));
    request.progress.say(`aws mode: uploading ${formatMegabytes(request.csv.bytes)} to s3://${env.RAW_BUCKET} on moto`);
    const upload = await checked(
      'aws s3 cp',
      runMeasured(
        'aws',
        [
          '--endpoint-url',
          request.motoUrl,
          's3',
          'cp',
          '--only-show-errors',
          request.csv.path,
          `s3://${env.RAW_BUCKET}/raw/${BENCH_DATASET}/orders.csv`,
        ],
        { env, cwd: work },
      ),
    );
    request.progress.say(`aws mode: upload ${upload.seconds.toFixed(2)} s; pipeline aws poll --until-idle`);
    const poll = await checked(
      'pipeline aws poll',
      runMeasured(process.execPath, [cli, 'aws', 'poll', '--until-idle'], {
        env,
        cwd: work,
        onSample: (elapsed, rss) => request.progress.update('pipeline aws poll', `RSS ${formatMegabytes(rss)}`, elapsed),
      }),
    );
    request.progress.clear();
    return {
      uploadSeconds: upload.seconds,
      pollSeconds: poll.seconds,
      peakRssBytes: poll.peakRssBytes,
      ...(await outcome(request.databaseUrl)),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function outcome(databaseUrl: string): Promise<{ processingMs: number | null; rowsStored: number }> {
  const row = await withClient(
    databaseUrl,
    async (client) =>
      (await client.query(`SELECT status, duration_ms, last_error FROM ingestions WHERE dataset = $1`, [BENCH_DATASET])).rows,
  );
  if (row.length !== 1 || row[0].status !== 'completed') throw new Error(`the aws-mode ingestion did not complete: ${JSON.stringify(row)}`);
  const rowsStored = Number(await queryScalar(databaseUrl, 'SELECT count(*) FROM processed_data WHERE dataset = $1', [BENCH_DATASET]));
  return { processingMs: row[0].duration_ms as number | null, rowsStored };
}

async function checked(what: string, run: Promise<MeasuredRun>): Promise<MeasuredRun> {
  const result = await run;
  if (result.exitCode !== 0)
    throw new Error(
      `${what} failed (exit ${result.exitCode ?? result.signal}): ${result.stderrTail.trim().split('\n').slice(-12).join('\n')}`,
    );
  return result;
}

function exportsOf(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/^export ([A-Z_][A-Z0-9_]*)='([^']*)'$/gm)].map((m) => [m[1], m[2]]));
}
