import { setTimeout as sleep } from 'node:timers/promises';
import { type QueueMessage, type ReceiveOptions, WorkQueue } from '@pipeline/domain/ports/work-queue.js';
import { toPortError } from './postgres-errors.js';
import type { SqlDatabase } from './sql-database.js';
import { workQueueSql as sql } from './work-queue.sql.js';

export interface PostgresWorkQueueOptions {
  /** Lets several queues share the `work_queue` table (default 'main'). */
  readonly queueName?: string;
  /** Receives after which an unacknowledged message goes to the dead-letter queue (default 3, as SQS redrive). */
  readonly maxReceiveCount?: number;
  /** How often a long poll (`waitTimeMs`) looks again while the queue is empty (default 200 ms). */
  readonly pollIntervalMs?: number;
}

interface MessageRow {
  id: string;
  receipt: string | null;
  body: string;
  receive_count: number;
  sent_at: Date;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * SQS semantics on a table: `FOR UPDATE SKIP LOCKED` hands each message to one consumer, a fresh
 * receipt per delivery makes ack/retry with an older receipt a no-op, and a message already received
 * `maxReceiveCount` times moves to the dead-letter queue at the next receive instead of being delivered.
 */
export class PostgresWorkQueue extends WorkQueue {
  private readonly queueName: string;
  private readonly maxReceiveCount: number;
  private readonly pollIntervalMs: number;

  constructor(
    private readonly db: SqlDatabase,
    options: PostgresWorkQueueOptions = {},
  ) {
    super();
    this.queueName = options.queueName ?? 'main';
    this.maxReceiveCount = options.maxReceiveCount ?? 3;
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
  }

  async send(body: string, options: { delaySeconds?: number } = {}): Promise<string> {
    const [row] = await this.run<{ id: string }>(sql.send, [this.queueName, body, options.delaySeconds ?? 0], 'sending');
    return row.id;
  }

  async receive(options: ReceiveOptions): Promise<QueueMessage[]> {
    const deadline = Date.now() + (options.waitTimeMs ?? 0);
    for (;;) {
      const messages = await this.receiveOnce(options);
      if (messages.length > 0 || Date.now() >= deadline) return messages;
      await sleep(Math.min(this.pollIntervalMs, Math.max(0, deadline - Date.now())));
    }
  }

  async ack(receipt: string): Promise<void> {
    if (!uuidPattern.test(receipt)) return;
    await this.run(sql.ack, [receipt], 'acknowledging');
  }

  async retry(receipt: string, delaySeconds: number): Promise<void> {
    if (!uuidPattern.test(receipt)) return;
    await this.run(sql.retry, [receipt, delaySeconds], 'retrying');
  }

  async depth(): Promise<{ visible: number; inFlight: number }> {
    const [row] = await this.run<{ visible: number; in_flight: number }>(sql.depth, [this.queueName], 'counting');
    return { visible: row.visible, inFlight: row.in_flight };
  }

  async deadLetterDepth(): Promise<number> {
    const [row] = await this.run<{ n: number }>(sql.deadLetterDepth, [this.queueName], 'counting dead letters');
    return row.n;
  }

  /** Peeked messages carry an empty receipt: they are not deliveries and cannot be acknowledged. */
  async peekDeadLetters(limit: number): Promise<QueueMessage[]> {
    const rows = await this.run<MessageRow>(sql.peekDeadLetters, [this.queueName, limit], 'peeking dead letters');
    return rows.map((row) => toMessage({ ...row, receipt: '' }));
  }

  async redrive(limit: number): Promise<number> {
    const [row] = await this.run<{ n: number }>(sql.redrive, [this.queueName, limit], 'redriving');
    return row.n;
  }

  private async receiveOnce(options: ReceiveOptions): Promise<QueueMessage[]> {
    await this.run(sql.deadLetterExhausted, [this.queueName, this.maxReceiveCount], 'dead-lettering');
    const params = [this.queueName, this.maxReceiveCount, options.maxMessages, options.visibilityTimeoutSeconds];
    const rows = await this.run<MessageRow>(sql.receive, params, 'receiving');
    return rows.map(toMessage);
  }

  private async run<T>(query: string, params: unknown[], doing: string): Promise<T[]> {
    try {
      return await this.db.query<T>(query, params);
    } catch (error) {
      throw toPortError(error, `${doing} on queue ${this.queueName}`);
    }
  }
}

function toMessage(row: MessageRow): QueueMessage {
  return { messageId: row.id, receipt: row.receipt ?? '', body: row.body, receiveCount: row.receive_count, sentAt: row.sent_at };
}
