import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { QueueMessage } from '@pipeline/domain/ports/work-queue.js';
import { toPortError } from '../aws/aws-errors.js';
import { ConfigError } from '../config/pipeline-config.js';
import { SqsMessageMoveTask } from './sqs-message-move-task.js';
import { RECEIVE_ATTRIBUTES, toQueueMessage } from './sqs-message.js';

/** How long a peek or a redrive holds the dead letters it has received. */
const HOLD_SECONDS = 60;

/**
 * Reading and redriving the dead-letter queue. SQS has no "peek": messages are received, held
 * briefly, and released. A redrive moves dead letters with SQS's own message move task when the
 * endpoint supports it and the whole queue is asked for; otherwise it receives, sends to the main
 * queue and deletes from the DLQ only after the send succeeded — at worst a message is duplicated
 * (consumers are idempotent), never lost.
 */
export class SqsDeadLetters {
  private readonly moveTask: SqsMessageMoveTask;

  constructor(
    private readonly client: SQSClient,
    private readonly mainUrl: () => string,
    private readonly deadUrl: () => string,
    private readonly maxReceiveCount: number,
  ) {
    this.moveTask = new SqsMessageMoveTask(
      client,
      () => this.arnOf(this.dlqUrl),
      () => this.arnOf(this.queueUrl),
    );
  }

  private get queueUrl(): string {
    return this.mainUrl();
  }

  private get dlqUrl(): string {
    return this.deadUrl();
  }

  /** Up to `limit` dead letters, oldest sent first (SQS order is approximate: the oldest of those received). */
  async peek(limit: number): Promise<QueueMessage[]> {
    const held = await this.receiveDistinct(limit);
    await this.release(held);
    // Every dead letter had exactly maxReceiveCount receives on the main queue; receives in the DLQ (peeks) do not count.
    return held.map((m) => toQueueMessage(m, this.maxReceiveCount)).sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
  }

  async redrive(limit: number, depth: () => Promise<number>): Promise<number> {
    if (limit <= 0) return 0;
    if (this.moveTask.mayBeSupported() && limit >= (await depth())) {
      const moved = await this.moveTask.moveAll();
      if (moved !== null) return moved;
    }
    return this.redriveByResending(limit);
  }

  private async redriveByResending(limit: number): Promise<number> {
    let moved = 0;
    while (moved < limit) {
      const batch = await this.receive(Math.min(10, limit - moved));
      if (batch.length === 0) break;
      const sent = await this.call('redrive send', () =>
        this.client.send(
          new SendMessageBatchCommand({
            QueueUrl: this.queueUrl,
            Entries: batch.map((m, i) => ({ Id: String(i), MessageBody: m.Body ?? '', MessageAttributes: m.MessageAttributes })),
          }),
        ),
      );
      const done = new Set((sent.Successful ?? []).map((s) => Number(s.Id)));
      const onMain = batch.filter((_, i) => done.has(i));
      if (onMain.length > 0) {
        await this.call('redrive delete', () =>
          this.client.send(
            new DeleteMessageBatchCommand({
              QueueUrl: this.dlqUrl,
              Entries: onMain.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
            }),
          ),
        );
      }
      moved += onMain.length;
      const notSent = batch.filter((_, i) => !done.has(i));
      if (notSent.length > 0) {
        await this.release(notSent);
        throw toPortError(
          new Error((sent.Failed ?? []).map((f) => `${f.Code}: ${f.Message}`).join('; ')),
          `redrive to ${this.queueUrl} (${moved} moved)`,
        );
      }
    }
    return moved;
  }

  /** Receives until `limit` distinct messages are held or the DLQ has no more visible ones. */
  private async receiveDistinct(limit: number): Promise<Message[]> {
    const held = new Map<string, Message>();
    while (held.size < limit) {
      const batch = await this.receive(Math.min(10, limit - held.size));
      const fresh = batch.filter((m) => !held.has(m.MessageId ?? ''));
      if (fresh.length === 0) break;
      for (const m of fresh) held.set(m.MessageId ?? '', m);
    }
    return [...held.values()];
  }

  private async receive(max: number): Promise<Message[]> {
    const received = await this.call('receive dead letters', () =>
      this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: this.dlqUrl,
          MaxNumberOfMessages: max,
          VisibilityTimeout: HOLD_SECONDS,
          ...RECEIVE_ATTRIBUTES,
        }),
      ),
    );
    return received.Messages ?? [];
  }

  /** Makes held dead letters visible again at once. */
  private async release(messages: readonly Message[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 10) {
      const entries = messages.slice(i, i + 10).map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 }));
      await this.call('release dead letters', () =>
        this.client.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: this.dlqUrl, Entries: entries })),
      );
    }
  }

  private readonly arns = new Map<string, Promise<string>>();

  private arnOf(url: string): Promise<string> {
    let arn = this.arns.get(url);
    if (!arn) {
      arn = this.call('get queue arn', async () => {
        const result = await this.client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
        return result.Attributes?.QueueArn ?? '';
      });
      this.arns.set(url, arn);
      arn.catch(() => this.arns.delete(url));
    }
    return arn;
  }

  private async call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw toPortError(error, `${operation} (dead-letter queue)`);
    }
  }
}
