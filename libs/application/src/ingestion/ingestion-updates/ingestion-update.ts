import type { StoredEvent } from '@pipeline/domain/events/domain-event.js';
import type { IngestionView } from '@pipeline/domain/read-models/ingestion-view.js';

/** One event on an ingestion's stream, with the ingestion as it stood right after it. */
export interface IngestionUpdate {
  readonly event: StoredEvent;
  readonly ingestion: IngestionView;
}

export type IngestionUpdateListener = (update: IngestionUpdate) => void;
