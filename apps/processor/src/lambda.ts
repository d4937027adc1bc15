import 'reflect-metadata';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { loadPipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { lambdaLogger } from '@pipeline/adapters/aws/lambda-logger.js';
import { isTestInvocation, type ConnectivityReport } from '@pipeline/adapters/aws/connectivity-check.js';
import { isDirectPayload, type DirectInvocationSummary } from './lambda/direct-invocation.js';
import { ProcessorRuntime } from './lambda/processor-runtime.js';

const config = loadPipelineConfig();
const logger = lambdaLogger('processor', config);
let runtime: Promise<ProcessorRuntime> | undefined;

/** One Nest application context per container; a failed start is retried by the next invocation. */
function containerRuntime(): Promise<ProcessorRuntime> {
  runtime ??= ProcessorRuntime.create(config, logger).catch((error: unknown) => {
    runtime = undefined;
    throw error;
  });
  return runtime;
}

const isSqsEvent = (event: unknown): event is SQSEvent =>
  Array.isArray((event as SQSEvent | null)?.Records) && (event as SQSEvent).Records.every((r) => r?.eventSource === 'aws:sqs');

/** Seconds a failed message stays hidden before SQS delivers it again: 2, 4, 8 … (at most 5 minutes). */
export const retryDelaySeconds = (receiveCount: number): number => Math.min(300, 2 ** Math.max(1, receiveCount));

/**
 * The processor Lambda:
 * - an SQS batch from the processing queue (event source mapping with ReportBatchItemFailures):
 *   records are handled one at a time, failures are returned as batchItemFailures and held back
 *   with exponential backoff, so one bad message does not re-run the batch;
 * - `{"data": [...], "dataset"?}`: processes the payload inline and returns a summary;
 * - `{"test": true}`: a connectivity check of S3, SQS, DynamoDB and PostgreSQL, without side effects.
 */
export async function handler(
  event: unknown,
  context: Context,
): Promise<SQSBatchResponse | DirectInvocationSummary | ConnectivityReport | { ok: false; error: string }> {
  logger.addContext(context);
  if (isTestInvocation(event)) return testConnectivity();
  const rt = await containerRuntime();
  try {
    if (isSqsEvent(event)) return await processBatch(rt, event, context);
    if (isDirectPayload(event)) return await rt.direct.run(event);
    throw new TypeError('unsupported event: expected an SQS batch, {"data": [...]} or {"test": true}');
  } finally {
    await rt.metrics.flush();
  }
}

function processBatch(rt: ProcessorRuntime, event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  const handleRecord = async (record: SQSRecord): Promise<void> => {
    const receiveCount = Number(record.attributes.ApproximateReceiveCount ?? '1');
    try {
      await rt.records.handle({ body: record.body, receiveCount });
    } catch (error) {
      await rt.queue.retry(record.receiptHandle, retryDelaySeconds(receiveCount)).catch(() => undefined);
      throw error;
    }
  };
  return processPartialResponse(event, handleRecord, new BatchProcessor(EventType.SQS), {
    context,
    processInParallel: false,
    throwOnFullBatchFailure: false,
  });
}

async function testConnectivity(): Promise<ConnectivityReport | { ok: false; error: string }> {
  try {
    return await (await containerRuntime()).connectivity();
  } catch (error) {
    return { ok: false, error: `the processor could not start: ${(error as Error)?.message ?? String(error)}` };
  }
}
