export interface QueueMessage {
  readonly messageId: string;
  /** Opaque handle for ack/retry of this delivery. */
  readonly receipt: string;
  readonly body: string;
  /** How many times this message has been received, this delivery included. */
  readonly receiveCount: number;
  readonly sentAt: Date;
}

export interface ReceiveOptions {
  readonly maxMessages: number;
  /** How long a received message stays invisible to other consumers. */
  readonly visibilityTimeoutSeconds: number;
  /** Long-poll up to this long when the queue is empty (0 = return at once). */
  readonly waitTimeMs?: number;
}

/**
 * At-least-once work queue with visibility timeout and a dead-letter queue:
 * a message received `maxReceiveCount` (3) times without ack moves to the DLQ.
 */
export abstract class WorkQueue {
  /** @example await queue.send(JSON.stringify({ ingestionId }), { delaySeconds: 0 }) */
  abstract send(body: string, options?: { delaySeconds?: number }): Promise<string>;
  /** @example const [m] = await queue.receive({ maxMessages: 1, visibilityTimeoutSeconds: 300 }) */
  abstract receive(options: ReceiveOptions): Promise<QueueMessage[]>;
  /** Done: deletes the message. */
  abstract ack(receipt: string): Promise<void>;
  /** Makes the message visible again after `delaySeconds` (backoff); its receive count stays. */
  abstract retry(receipt: string, delaySeconds: number): Promise<void>;
  /** Messages waiting (visible or in flight) on the main queue. */
  abstract depth(): Promise<{ visible: number; inFlight: number }>;
  /** Messages in the dead-letter queue. */
  abstract deadLetterDepth(): Promise<number>;
  /** Bodies in the dead-letter queue, oldest first, without removing them. */
  abstract peekDeadLetters(limit: number): Promise<QueueMessage[]>;
  /** Moves up to `limit` dead letters back to the main queue (receive count reset); returns how many moved. */
  abstract redrive(limit: number): Promise<number>;
}
