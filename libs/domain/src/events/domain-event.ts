import type { DatasetEvent } from './dataset-events.js';
import type { IngestionEvent } from './ingestion-events.js';
import type { ReportEvent } from './report-events.js';
import type { SubscriptionEvent } from './subscription-events.js';

/** Every event any aggregate emits: readonly `{ type, data }`. */
export type DomainEvent = IngestionEvent | DatasetEvent | ReportEvent | SubscriptionEvent;

/** An event as the event store returns it. */
export interface StoredEvent<E extends { type: string; data: unknown } = DomainEvent> {
  readonly streamId: string;
  /** 1-based position within the stream. */
  readonly version: number;
  /** Global, monotonically increasing position (per store) for catch-up projections. */
  readonly position: number;
  readonly type: E['type'];
  readonly data: E['data'];
  readonly recordedAt: string;
}
