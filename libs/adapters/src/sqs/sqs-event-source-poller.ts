import { randomUUID } from 'node:crypto';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { lambdaSqsEvent } from './lambda-sqs-event.js';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<unknown>;

export interface PollOptions {
  readonly queueUrl: string;
  readonly region: string;
  /** Messages per invocation (Lambda's BatchSize; SQS gives at most 10 per receive). */
  readonly batchSize: number;
  /** Stop once the queue holds nothing — visible, in flight or delayed — on two checks in a row. */
  readonly untilIdle: boolean;
  /** The function's timeout: what getRemainingTimeInMillis counts down from. */
  readonly timeoutMs: number;
  readonly log: (line: string) => void;
  /** Checked between batches: stop polling once aborted. */
  readonly signal?: AbortSignal;
}

export interface PollStats {
  batches: number;
  succeeded: number;
  failed: number;
}

/**
 * A local stand-in for Lambda's SQS event source mapping: receives batches, invokes the real
 * handler with a real SQS event, deletes the records it did not report in batchItemFailures and
 * leaves those (or the whole batch, when the handler throws) for SQS to deliver again — so the
 * queue's visibility timeout and redrive policy apply exactly as on AWS.
 */
export async function pollQueue(sqs: SQSClient, handler: SqsHandler, options: PollOptions): Promise<PollStats> {
  const queueArn = await arnOf(sqs, options.queueUrl);
  const stats: PollStats = { batches: 0, succeeded: 0, failed: 0 };
  let idleChecks = 0;
  while (!options.signal?.aborted) {
    const messages = await receive(sqs, options);
    if (messages.length === 0) {
      if (options.untilIdle && (await isEmpty(sqs, options.queueUrl)) && ++idleChecks >= 2) break;
      continue;
    }
    idleChecks = 0;
    const failed = await invoke(handler, lambdaSqsEvent(messages, queueArn, options.region), options);
    const done = messages.filter((m) => !failed.has(m.MessageId ?? ''));
    if (done.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: options.queueUrl,
          Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
    }
    stats.batches++;
    stats.succeeded += done.length;
    stats.failed += messages.length - done.length;
    options.log(`batch of ${messages.length}: ${done.length} done, ${messages.length - done.length} left for redelivery`);
  }
  return stats;
}

/** Message ids the handler reported as failed (all of them when it threw). */
async function invoke(handler: SqsHandler, event: SQSEvent, options: PollOptions): Promise<Set<string>> {
  try {
    const response = (await handler(event, lambdaContext(options.timeoutMs))) as SQSBatchResponse | undefined;
    return new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
  } catch (error) {
    options.log(`handler failed for the whole batch: ${(error as Error)?.message ?? String(error)}`);
    return new Set(event.Records.map((r) => r.messageId));
  }
}

async function receive(sqs: SQSClient, options: PollOptions): Promise<Message[]> {
  const result = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: options.queueUrl,
      MaxNumberOfMessages: Math.max(1, Math.min(10, options.batchSize)),
      WaitTimeSeconds: options.untilIdle ? 1 : 20,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }),
  );
  return result.Messages ?? [];
}

async function isEmpty(sqs: SQSClient, queueUrl: string): Promise<boolean> {
  const names = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] as const;
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: [...names] }));
  return names.every((n) => Number(Attributes?.[n] ?? 0) === 0);
}

async function arnOf(sqs: SQSClient, queueUrl: string): Promise<string> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  return Attributes?.QueueArn ?? '';
}

/** The Lambda context a handler may read: names, request id, remaining time. */
function lambdaContext(timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  const noop = () => undefined;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'processor',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:processor',
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/processor',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: noop,
    fail: noop,
    succeed: noop,
  };
}
