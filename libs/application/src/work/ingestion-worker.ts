import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { WorkQueue, type QueueMessage } from '@pipeline/domain/ports/work-queue.js';
import { DeadLetterIngestion } from '../ingestion/dead-letter-ingestion/dead-letter-ingestion.command.js';
import { ProcessIngestion, type ProcessIngestionResult } from '../ingestion/process-ingestion/process-ingestion.command.js';
import { parseWorkMessage } from './work-message.js';

export interface WorkerOptions {
  readonly visibilityTimeoutSeconds: number;
  readonly maxReceiveCount: number;
  readonly concurrency: number;
  /** Long-poll wait when the queue is empty. */
  readonly idleWaitMs: number;
}

/**
 * The local event-source runner: receives work, processes it, acks on success or rejection,
 * retries transient failures with exponential backoff, and records the dead-lettering on the
 * last receive. A poisoned message never stops the loop.
 */
@Injectable()
export class IngestionWorker {
  private readonly logger = new Logger('IngestionWorker');
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly queue: WorkQueue,
    private readonly commandBus: CommandBus,
  ) {}

  start(options: WorkerOptions): void {
    if (this.running) return;
    this.running = true;
    this.loops = Array.from({ length: options.concurrency }, () => this.loop(options));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.allSettled(this.loops);
  }

  /** Processes messages until the queue is empty; returns how many were handled. For tests and `--until-idle`. */
  async drain(options: WorkerOptions): Promise<number> {
    let handled = 0;
    for (;;) {
      const [message] = await this.queue.receive({ maxMessages: 1, visibilityTimeoutSeconds: options.visibilityTimeoutSeconds });
      if (!message) return handled;
      await this.handle(message, options);
      handled++;
    }
  }

  private async loop(options: WorkerOptions): Promise<void> {
    while (this.running) {
      try {
        const [message] = await this.queue.receive({
          maxMessages: 1,
          visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
          waitTimeMs: options.idleWaitMs,
        });
        if (message) await this.handle(message, options);
        else await sleep(options.idleWaitMs);
      } catch (error) {
        this.logger.error(`queue receive failed: ${(error as Error).message}`);
        await sleep(Math.min(5000, options.idleWaitMs * 5));
      }
    }
  }

  async handle(message: QueueMessage, options: WorkerOptions): Promise<ProcessIngestionResult | null> {
    const work = parseWorkMessage(message.body);
    if (!work) {
      this.logger.warn(`message ${message.messageId} is not a work item; leaving it to dead-letter: ${message.body.slice(0, 200)}`);
      await this.queue.retry(message.receipt, 0);
      return null;
    }
    const heartbeat = setInterval(
      () => void this.queue.retry(message.receipt, options.visibilityTimeoutSeconds).catch(() => undefined),
      Math.max(1000, (options.visibilityTimeoutSeconds * 1000) / 3),
    );
    try {
      const result = await this.commandBus.execute(new ProcessIngestion(work.ingestionId));
      if (result.outcome !== 'in-progress-elsewhere') await this.queue.ack(message.receipt);
      this.logger.log(`ingestion ${work.ingestionId}: ${result.outcome}`);
      return result;
    } catch (error) {
      const text = (error as Error)?.message ?? String(error);
      if (message.receiveCount >= options.maxReceiveCount) {
        this.logger.error(`ingestion ${work.ingestionId} failed on its last receive (${message.receiveCount}); dead-lettering: ${text}`);
        await this.commandBus.execute(new DeadLetterIngestion(work.ingestionId, text)).catch(() => undefined);
      } else {
        this.logger.warn(`ingestion ${work.ingestionId} failed (receive ${message.receiveCount}), will retry: ${text}`);
      }
      await this.queue.retry(message.receipt, backoffSeconds(message.receiveCount)).catch(() => undefined);
      return null;
    } finally {
      clearInterval(heartbeat);
    }
  }
}

const backoffSeconds = (receiveCount: number): number => Math.min(300, 2 ** receiveCount);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
