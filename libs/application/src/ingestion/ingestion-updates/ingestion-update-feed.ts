import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { StoredEvent } from '@pipeline/domain/events/domain-event.js';
import { INGESTION_EVENT_TYPES, ingestionStreamId } from '@pipeline/domain/events/ingestion-events.js';
import { EventLogHead } from '@pipeline/domain/ports/event-log-head.js';
import { EventStore } from '@pipeline/domain/ports/event-store.js';
import { foldIngestionView } from '@pipeline/domain/read-models/ingestion-view.js';
import type { IngestionUpdate, IngestionUpdateListener } from './ingestion-update.js';

export const INGESTION_FEED_POLL_MS = 250;
const BATCH = 500;

/**
 * Live ingestion updates for subscriptions, tailing the event store by global position rather
 * than listening on this process's EventBus: ingestions processed by another process (`pipeline
 * ingest`, a second server) append to the same store, so tailing sees them all. The PostgreSQL
 * store commits appends in position order, so a tail never skips an event. It polls only while
 * someone listens, starting from the newest event at that moment.
 */
@Injectable()
export class IngestionUpdateFeed implements OnModuleDestroy {
  private readonly logger = new Logger('IngestionUpdateFeed');
  private readonly listeners = new Set<IngestionUpdateListener>();
  private readonly types = new Set<string>(INGESTION_EVENT_TYPES);
  private position: Promise<number> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  pollMs = INGESTION_FEED_POLL_MS;

  constructor(
    private readonly events: EventStore,
    private readonly head: EventLogHead,
  ) {}

  /** Starts delivering updates to `listener`; resolves (with the unsubscribe function) once the feed's start position is fixed. */
  async subscribe(listener: IngestionUpdateListener): Promise<() => void> {
    this.listeners.add(listener);
    if (!this.position) {
      this.position = this.head.latestPosition();
      this.timer = setInterval(() => void this.poll(), this.pollMs);
    }
    await this.position;
    return () => this.unsubscribe(listener);
  }

  onModuleDestroy(): void {
    this.listeners.clear();
    this.stop();
  }

  private unsubscribe(listener: IngestionUpdateListener): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0) this.stop();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.position = null;
  }

  private async poll(): Promise<void> {
    if (this.polling || !this.position) return;
    this.polling = true;
    let current = this.position;
    try {
      let after = await current;
      for (;;) {
        const batch = await this.events.readAll(after, BATCH);
        if (batch.length === 0) break;
        await this.deliver(batch.filter((e) => this.types.has(e.type)));
        after = batch[batch.length - 1].position;
        if (this.position !== current) break; // stopped (or restarted) meanwhile
        current = this.position = Promise.resolve(after);
        if (batch.length < BATCH) break;
      }
    } catch (error) {
      this.logger.warn(`reading new events failed, retrying: ${(error as Error).message}`);
    } finally {
      this.polling = false;
    }
  }

  /** Folds each touched stream once, then hands every event its ingestion as of that event. */
  private async deliver(events: readonly StoredEvent[]): Promise<void> {
    const streams = new Map<string, StoredEvent[]>();
    for (const event of events) {
      const id = ingestionStreamId((event.data as { ingestionId: string }).ingestionId);
      if (!streams.has(id)) streams.set(id, await this.events.readStream(id));
    }
    for (const event of events) {
      const stream = streams.get(ingestionStreamId((event.data as { ingestionId: string }).ingestionId)) ?? [];
      const ingestion = foldIngestionView(stream.filter((e) => e.version <= event.version));
      if (ingestion) this.emit({ event, ingestion });
    }
  }

  private emit(update: IngestionUpdate): void {
    for (const listener of this.listeners) {
      try {
        listener(update);
      } catch (error) {
        this.logger.warn(`an ingestion update listener failed: ${(error as Error).message}`);
      }
    }
  }
}
