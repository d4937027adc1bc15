import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { packagePath, type LambdaFunctionName } from '../lambda/lambda-functions.js';
import { invokeLocally } from '../lambda/local-invoker.js';

const run = promisify(execFile);

export interface IntegrationOptions {
  readonly rawBucket: string;
  readonly region: string;
  readonly environment: string;
  readonly project: string;
  /** aws: invoke the deployed functions; local: run dist/lambda/<name>.zip with the deployed environment (emulators). */
  readonly invoke: 'aws' | 'local';
  readonly apiUrl: string | undefined;
  readonly root: string;
  readonly timeoutSeconds: number;
}

export interface InvokeResult {
  readonly functionError: boolean;
  readonly payload: unknown;
}

/** Everything a check needs: clients, the deployment's resource names, a way to invoke a function. */
export interface IntegrationContext {
  readonly options: IntegrationOptions;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  readonly functionName: (fn: LambdaFunctionName) => string;
  /** A Lambda environment variable of the processor (PROCESSED_BUCKET, EVENT_TABLE, DLQ_URL…): the deployment's own record of its resources. */
  readonly processorEnv: Readonly<Record<string, string>>;
  invoke(fn: LambdaFunctionName, payload: unknown): Promise<InvokeResult>;
  close(): void;
}

/** The AWS CLI, honouring AWS_ENDPOINT_URL explicitly (aws-cli v1 does not for every service). */
async function awsCli(args: readonly string[]): Promise<string> {
  const endpoint = process.env.AWS_ENDPOINT_URL ? ['--endpoint-url', process.env.AWS_ENDPOINT_URL] : [];
  const { stdout } = await run('aws', [...endpoint, ...args], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

async function functionEnvironment(name: string, region: string): Promise<Record<string, string>> {
  const out = await awsCli(['lambda', 'get-function-configuration', '--region', region, '--function-name', name, '--output', 'json']);
  return ((JSON.parse(out) as { Environment?: { Variables?: Record<string, string> } }).Environment?.Variables ?? {}) as Record<
    string,
    string
  >;
}

async function invokeDeployed(name: string, region: string, payload: unknown): Promise<InvokeResult> {
  const dir = await mkdtemp(join(tmpdir(), 'integration-invoke-'));
  try {
    await writeFile(join(dir, 'payload.json'), JSON.stringify(payload));
    const out = join(dir, 'response.json');
    const meta = JSON.parse(
      await awsCli([
        'lambda',
        'invoke',
        '--region',
        region,
        '--function-name',
        name,
        '--payload',
        `fileb://${join(dir, 'payload.json')}`,
        out,
      ]),
    ) as { FunctionError?: string };
    return { functionError: Boolean(meta.FunctionError), payload: JSON.parse(await readFile(out, 'utf8')) as unknown };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function createIntegrationContext(options: IntegrationOptions): Promise<IntegrationContext> {
  const clientConfig = { region: options.region, ...(process.env.AWS_ENDPOINT_URL ? { endpoint: process.env.AWS_ENDPOINT_URL } : {}) };
  const functionName = (fn: LambdaFunctionName) => `${options.project}-${options.environment}-${fn}`;
  const environments = new Map<string, Record<string, string>>();
  const envOf = async (fn: LambdaFunctionName) => {
    if (!environments.has(fn)) environments.set(fn, await functionEnvironment(functionName(fn), options.region));
    return environments.get(fn)!;
  };
  const processorEnv = await envOf('processor');
  if (processorEnv.RAW_BUCKET && processorEnv.RAW_BUCKET !== options.rawBucket)
    throw new Error(`--bucket ${options.rawBucket} is not the raw bucket of ${functionName('processor')} (${processorEnv.RAW_BUCKET})`);
  const s3 = new S3Client({ ...clientConfig, forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL) });
  const sqs = new SQSClient(clientConfig);
  const dynamodb = new DynamoDBClient(clientConfig);
  return {
    options,
    s3,
    sqs,
    dynamodb,
    functionName,
    processorEnv,
    async invoke(fn, payload) {
      if (options.invoke === 'aws') return invokeDeployed(functionName(fn), options.region, payload);
      const layer = packagePath(join(options.root, 'dist', 'lambda'), 'native-layer');
      const result = await invokeLocally({
        functionZip: packagePath(join(options.root, 'dist', 'lambda'), fn),
        layerZips: existsSync(layer) ? [layer] : [],
        payload,
        environment: await envOf(fn),
        functionName: functionName(fn),
      });
      return { functionError: !result.ok, payload: result.payload };
    },
    close() {
      s3.destroy();
      sqs.destroy();
      dynamodb.destroy();
    },
  };
}
