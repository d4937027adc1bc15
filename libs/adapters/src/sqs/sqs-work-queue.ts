import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type QueueAttributeName,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { Injectable } from '@nestjs/common';
import { WorkQueue, type QueueMessage, type ReceiveOptions } from '@pipeline/domain/ports/work-queue.js';
import { toPortError } from '../aws/aws-errors.js';
import { ConfigError } from '../config/pipeline-config.js';
import { encodeBody } from './sqs-body-encoding.js';
import { SqsDeadLetters } from './sqs-dead-letters.js';
import { isStaleReceipt, RECEIVE_ATTRIBUTES, toQueueMessage } from './sqs-message.js';
import { ReceiptLedger } from './receipt-ledger.js';

export interface SqsWorkQueueOptions {
  /** PROCESSING_QUEUE_URL; may be missing where only the DLQ is read (the reporter). */
  readonly queueUrl: string | undefined;
  /** DLQ_URL; may be missing where the DLQ is never read. */
  readonly deadLetterQueueUrl: string | undefined;
  /** The main queue's redrive policy maxReceiveCount (3): the receive count every dead letter had. */
  readonly maxReceiveCount?: number;
}

/** SQS caps: 10 messages per receive, 20 s long poll, 12 h visibility. */
const MAX_BATCH = 10;
const MAX_WAIT_SECONDS = 20;
const MAX_VISIBILITY_SECONDS = 12 * 3600;
/** How long an ack holds a message while it deletes it. */
const ACK_HOLD_SECONDS = 30;

/**
 * WorkQueue over an SQS queue whose redrive policy moves a message to the DLQ after
 * maxReceiveCount receives. Receipts are SQS receipt handles; an ack or retry with the handle of
 * an earlier delivery is ignored (SQS itself would delete the message on a stale DeleteMessage).
 */
@Injectable()
export class SqsWorkQueue extends WorkQueue {
  private readonly deadLetters: SqsDeadLetters;
  private readonly receipts = new ReceiptLedger();

  constructor(
    private readonly client: SQSClient,
    private readonly options: SqsWorkQueueOptions,
  ) {
    super();
    this.deadLetters = new SqsDeadLetters(
      client,
      () => this.queueUrl,
      () => this.dlqUrl,
      options.maxReceiveCount ?? 3,
    );
  }

  private get queueUrl(): string {
    if (!this.options.queueUrl) throw new ConfigError('the SQS work queue needs PROCESSING_QUEUE_URL');
    return this.options.queueUrl;
  }

  private get dlqUrl(): string {
    if (!this.options.deadLetterQueueUrl) throw new ConfigError('the SQS work queue needs DLQ_URL for its dead letters');
    return this.options.deadLetterQueueUrl;
  }

  async send(body: string, options: { delaySeconds?: number } = {}): Promise<string> {
    const delay = Math.max(0, Math.min(900, Math.floor(options.delaySeconds ?? 0)));
    const sent = await this.call('send', () =>
      this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, DelaySeconds: delay, ...encodeBody(body) })),
    );
    return sent.MessageId ?? '';
  }

  async receive(options: ReceiveOptions): Promise<QueueMessage[]> {
    const received = await this.call('receive', () =>
      this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: this.queueUrl,
          MaxNumberOfMessages: Math.max(1, Math.min(MAX_BATCH, options.maxMessages)),
          VisibilityTimeout: visibility(options.visibilityTimeoutSeconds),
          WaitTimeSeconds: Math.min(MAX_WAIT_SECONDS, Math.ceil((options.waitTimeMs ?? 0) / 1000)),
          ...RECEIVE_ATTRIBUTES,
        }),
      ),
    );
    const messages = (received.Messages ?? []).map((m) => toQueueMessage(m));
    for (const m of messages) this.receipts.record(m.messageId, m.receipt);
    return messages;
  }

  /**
   * Deletes the message, unless `receipt` is not its current delivery: the ledger knows for
   * deliveries this process received, and holding the message first makes SQS check the handle.
   */
  async ack(receipt: string): Promise<void> {
    if (this.receipts.isStale(receipt) || !(await this.changeVisibility(receipt, ACK_HOLD_SECONDS))) return;
    await this.call('ack', () => this.client.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receipt })));
    this.receipts.acked(receipt);
  }

  async retry(receipt: string, delaySeconds: number): Promise<void> {
    if (this.receipts.isStale(receipt)) return;
    await this.changeVisibility(receipt, visibility(delaySeconds));
  }

  async depth(): Promise<{ visible: number; inFlight: number }> {
    const a = await this.attributes(this.queueUrl, [
      'ApproximateNumberOfMessages',
      'ApproximateNumberOfMessagesNotVisible',
      'ApproximateNumberOfMessagesDelayed',
    ]);
    // Delayed messages count as in flight, as in the table queue: waiting, but not receivable yet.
    return {
      visible: a.ApproximateNumberOfMessages,
      inFlight: a.ApproximateNumberOfMessagesNotVisible + a.ApproximateNumberOfMessagesDelayed,
    };
  }

  async deadLetterDepth(): Promise<number> {
    const a = await this.attributes(this.dlqUrl, ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible']);
    return a.ApproximateNumberOfMessages + a.ApproximateNumberOfMessagesNotVisible;
  }

  peekDeadLetters(limit: number): Promise<QueueMessage[]> {
    return this.deadLetters.peek(limit);
  }

  redrive(limit: number): Promise<number> {
    return this.deadLetters.redrive(limit, () => this.deadLetterDepth());
  }

  /** False when the receipt is stale (the message was redelivered, acked or never had this handle). */
  private async changeVisibility(receipt: string, seconds: number): Promise<boolean> {
    const QueueUrl = this.queueUrl;
    try {
      await this.client.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: receipt, VisibilityTimeout: seconds }));
      return true;
    } catch (error) {
      if (isStaleReceipt(error)) return false;
      throw toPortError(error, `change visibility on ${QueueUrl}`);
    }
  }

  private async attributes<N extends QueueAttributeName>(queueUrl: string, names: N[]): Promise<Record<N, number>> {
    const result = await this.call('get queue attributes', () =>
      this.client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: names })),
    );
    return Object.fromEntries(names.map((n) => [n, Number(result.Attributes?.[n] ?? 0)])) as Record<N, number>;
  }

  private async call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw toPortError(error, `${operation} on ${this.options.queueUrl ?? 'the work queue'}`);
    }
  }
}

const visibility = (seconds: number): number => Math.max(0, Math.min(MAX_VISIBILITY_SECONDS, Math.floor(seconds)));
