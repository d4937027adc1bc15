import type { StoredEvent } from '@pipeline/domain/events/domain-event.js';
import type { IngestionView } from '@pipeline/domain/read-models/ingestion-view.js';

export class GetIngestion {
  constructor(readonly ingestionId: string) {}
}

export interface IngestionDetails {
  readonly view: IngestionView;
  /** The full event history, oldest first. */
  readonly events: StoredEvent[];
}
