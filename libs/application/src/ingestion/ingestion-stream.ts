import { evolveIngestion, initialIngestionState, type IngestionState } from '@pipeline/domain/ingestion/ingestion.decider.js';
import type { IngestionEvent } from '@pipeline/domain/events/ingestion-events.js';
import type { StreamFold } from '../event-sourcing/domain-event-publisher.js';

export const ingestionFold: StreamFold<IngestionState, IngestionEvent> = {
  initial: initialIngestionState,
  evolve: evolveIngestion,
};
