import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { ingestionIdFor } from '@pipeline/domain/ingestion/ingestion-id.js';
import { LAMBDA_FUNCTIONS } from '../lambda/lambda-functions.js';
import type { IntegrationContext } from './integration-context.js';

/** A check that cannot run in this deployment (a resource it needs is not configured). */
export class CheckSkipped extends Error {
  readonly code = 'SKIPPED';
}

export interface IntegrationCheck {
  readonly name: string;
  /** Resolves with a one-line detail, throws when the deployment misbehaves. */
  run(ctx: IntegrationContext): Promise<string>;
}

const runId = `it-${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${Math.random().toString(36).slice(2, 8)}`;
const DATASET = 'integration_test';

function need(ctx: IntegrationContext, name: string): string {
  const value = ctx.processorEnv[name];
  if (!value) throw new CheckSkipped(`the processor has no ${name}`);
  return value;
}

async function until<T>(what: string, timeoutSeconds: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutSeconds} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 3000));
  }
}

/** Uploads to the raw bucket and returns the ingestion id the pipeline derives from bucket, key and version/ETag. */
async function upload(ctx: IntegrationContext, key: string, body: string): Promise<string[]> {
  const put = await ctx.s3.send(new PutObjectCommand({ Bucket: ctx.options.rawBucket, Key: key, Body: body }));
  const identity = { kind: 'object' as const, key, versionId: put.VersionId, etag: put.ETag };
  // Whether the bucket name is part of the identity is the processor's choice: accept either.
  return [ingestionIdFor({ ...identity, bucket: ctx.options.rawBucket }), ingestionIdFor(identity)];
}

/** The newest event of one of the candidate streams once it is terminal (completed/rejected/dead-lettered). */
async function terminalEvent(ctx: IntegrationContext, ids: readonly string[]): Promise<{ id: string; type: string }> {
  const table = need(ctx, 'EVENT_TABLE');
  return until(`ingestion ${ids[0]} to finish`, ctx.options.timeoutSeconds, async () => {
    for (const id of ids) {
      const page = await ctx.dynamodb.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'streamId = :s',
          ExpressionAttributeValues: { ':s': { S: `ingestion-${id}` } },
          ScanIndexForward: false,
          Limit: 1,
        }),
      );
      const text = JSON.stringify(page.Items?.[0] ?? {});
      const type = /Ingestion(Completed|Rejected|DeadLettered)/.exec(text)?.[0];
      if (type) return { id, type };
    }
    return undefined;
  });
}

async function readText(ctx: IntegrationContext, bucket: string, key: string): Promise<string> {
  const object = await ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return object.Body!.transformToString();
}

async function keysUnder(ctx: IntegrationContext, bucket: string, prefix: string): Promise<string[]> {
  const page = await ctx.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (page.Contents ?? []).map((o) => o.Key!);
}

const healthy = (payload: unknown) =>
  typeof payload !== 'object' ||
  payload === null ||
  !/"(ok|healthy)":false|"status":"(error|failed|unhealthy)"/i.test(JSON.stringify(payload));

export const INTEGRATION_CHECKS: readonly IntegrationCheck[] = [
  {
    name: 'every function answers {"test": true}',
    async run(ctx) {
      const answers: string[] = [];
      for (const fn of LAMBDA_FUNCTIONS) {
        const result = await ctx.invoke(fn, { test: true });
        if (result.functionError || !healthy(result.payload)) throw new Error(`${fn}: ${JSON.stringify(result.payload).slice(0, 400)}`);
        answers.push(fn);
      }
      return answers.join(', ');
    },
  },
  {
    name: 'an uploaded CSV is stored as JSON Lines and Parquet, its bad row quarantined',
    async run(ctx) {
      const processed = need(ctx, 'PROCESSED_BUCKET');
      const rows = [1, 2, 3].map((i) => `${i},${runId},${i}.25,2026-01-0${i}T00:00:00Z`);
      const csv = ['id,run_id,amount,created_at', ...rows, `4,${runId},not,enough,room,here`].join('\n');
      const { id, type } = await terminalEvent(ctx, await upload(ctx, `raw/${DATASET}/${runId}.csv`, `${csv}\n`));
      if (type !== 'IngestionCompleted') throw new Error(`ingestion ${id} ended with ${type}`);
      const outputs = await keysUnder(ctx, processed, `processed/dataset=${DATASET}/`);
      const jsonl = outputs.find((k) => k.endsWith(`/${id}.jsonl`));
      if (!jsonl || !outputs.some((k) => k.includes(`/${id}`) && k.endsWith('.parquet')))
        throw new Error(`outputs of ${id} missing: ${outputs.join(', ')}`);
      const stored = (await readText(ctx, processed, jsonl)).split('\n').filter((l) => l.includes(runId)).length;
      const quarantined = (await readText(ctx, processed, `quarantine/dataset=${DATASET}/${id}.rejected.jsonl`)).trim().split('\n').length;
      if (stored !== 3 || quarantined !== 1) throw new Error(`expected 3 stored and 1 quarantined rows, got ${stored} and ${quarantined}`);
      return `ingestion ${id}: 3 rows stored, 1 quarantined`;
    },
  },
  {
    name: 'an unreadable file is rejected, not retried',
    async run(ctx) {
      const { id, type } = await terminalEvent(ctx, await upload(ctx, `raw/${DATASET}/${runId}-broken.json`, '{"data": [{"id": 1,'));
      if (type !== 'IngestionRejected') throw new Error(`ingestion ${id} ended with ${type}, expected IngestionRejected`);
      return `ingestion ${id} rejected`;
    },
  },
  {
    name: 'a direct invocation with {"data": [...]} returns its ingestion summary',
    async run(ctx) {
      const result = await ctx.invoke('processor', { data: [{ id: 1, value: 'test' }], dataset: DATASET });
      const text = JSON.stringify(result.payload);
      if (result.functionError || !/ingestionId/.test(text)) throw new Error(`unexpected answer: ${text.slice(0, 400)}`);
      return text.slice(0, 160);
    },
  },
  {
    name: 'the dead-letter queue is below its alarm threshold (5)',
    async run(ctx) {
      const url = need(ctx, 'DLQ_URL');
      const attributes = await ctx.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
      );
      const depth = Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0);
      if (depth > 5) throw new Error(`${depth} messages in ${url}: see docs/TROUBLESHOOTING.md, "Messages in the DLQ"`);
      return `${depth} message(s)`;
    },
  },
  {
    name: 'the API answers GET /health',
    async run(ctx) {
      if (!ctx.options.apiUrl) throw new CheckSkipped('no --api-url given');
      const response = await fetch(new URL('/health', ctx.options.apiUrl));
      if (!response.ok) throw new Error(`GET /health answered ${response.status}`);
      return `${response.status}`;
    },
  },
];
