import type { IngestionEvent, IngestionSource } from '../events/ingestion-events.js';

export type IngestionStatus =
  'new' | 'received' | 'processing' | 'completed' | 'rejected' | 'failed' | 'dead_lettered' | 'replay_requested';

/** What the Ingestion decider needs to know about one stream; 'new' means no events yet. */
export interface IngestionState {
  readonly status: IngestionStatus;
  readonly ingestionId: string;
  readonly dataset: string;
  readonly source: IngestionSource | null;
  readonly receivedAt: string | null;
  /** Attempts started so far (the number of the last IngestionStarted). */
  readonly attempts: number;
  /** When the last attempt started (for durationMs). */
  readonly startedAt: string | null;
  readonly contractVersion: number | null;
  readonly lastError: string | null;
}

export const initialIngestionState: IngestionState = {
  status: 'new',
  ingestionId: '',
  dataset: '',
  source: null,
  receivedAt: null,
  attempts: 0,
  startedAt: null,
  contractVersion: null,
  lastError: null,
};

export function evolveIngestion(state: IngestionState, event: IngestionEvent): IngestionState {
  switch (event.type) {
    case 'IngestionReceived': {
      const { ingestionId, dataset, source, receivedAt } = event.data;
      return { ...initialIngestionState, status: 'received', ingestionId, dataset, source, receivedAt };
    }
    case 'IngestionStarted':
      return {
        ...state,
        status: 'processing',
        attempts: event.data.attempt,
        startedAt: event.data.startedAt,
        contractVersion: event.data.contractVersion,
      };
    case 'QualityChecked':
      return { ...state, contractVersion: event.data.contractVersion };
    case 'RecordsStored':
      return state;
    case 'IngestionCompleted':
      return { ...state, status: 'completed', lastError: null };
    case 'IngestionRejected':
      return { ...state, status: 'rejected' };
    case 'IngestionFailed':
      return { ...state, status: 'failed', lastError: `${event.data.error.code}: ${event.data.error.message}` };
    case 'IngestionDeadLettered':
      return { ...state, status: 'dead_lettered', lastError: event.data.lastError };
    case 'IngestionReplayRequested':
      return { ...state, status: 'replay_requested' };
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}
