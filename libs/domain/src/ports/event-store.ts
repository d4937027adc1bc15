import type { StoredEvent } from '../events/domain-event.js';

export interface NewEvent {
  readonly type: string;
  readonly data: unknown;
}

/**
 * Append-only event streams with optimistic concurrency.
 * `expectedVersion` is the stream's current version (0 for a new stream); when another
 * writer got there first, `append` throws ConcurrencyConflictError and writes nothing.
 */
export abstract class EventStore {
  /** @example await store.append('ingestion-abc', [{ type: 'IngestionStarted', data }], 1) // → new version 2 */
  abstract append(streamId: string, events: readonly NewEvent[], expectedVersion: number): Promise<{ version: number }>;
  /** All events of one stream in version order (empty when the stream does not exist). */
  abstract readStream(streamId: string): Promise<StoredEvent[]>;
  /** Events across all streams after `afterPosition`, in position order, at most `limit`. */
  abstract readAll(afterPosition: number, limit: number): Promise<StoredEvent[]>;
}
