import type { StoredEvent } from '@pipeline/domain/events/domain-event.js';
import type { IngestionView } from '@pipeline/domain/read-models/ingestion-view.js';
import type { IngestionHistoryEvent, IngestionModel } from './ingestion.model.js';

/** Read model → GraphQL type. The read model stays the domain's; the API shape is the API's own. */
export function toIngestionModel(view: IngestionView, events?: readonly StoredEvent[]): IngestionModel {
  return {
    id: view.ingestionId,
    dataset: view.dataset,
    state: view.status,
    sourceKey: view.sourceKey,
    attempts: view.attempts,
    counts: view.counts,
    sinks: view.sinks,
    ruleResults: view.ruleResults,
    rejection: view.rejection,
    lastError: view.lastError,
    contractVersion: view.contractVersion,
    receivedAt: view.receivedAt,
    startedAt: view.startedAt,
    finishedAt: view.finishedAt,
    durationMs: view.durationMs,
    outputKeys: view.sinks.filter((s) => s.sink !== 'postgres').flatMap((s) => s.targets),
    ...(events ? { loadedEvents: events } : {}),
  };
}

export const toHistoryEvent = (e: StoredEvent): IngestionHistoryEvent => ({
  type: e.type,
  version: e.version,
  position: e.position,
  recordedAt: e.recordedAt,
  data: e.data,
});
