import type { StoredEvent } from '../events/domain-event.js';
import type { IngestionEvent } from '../events/ingestion-events.js';

export type ActivityKind = 'received' | 'started' | 'completed' | 'rejected' | 'failed' | 'dead_lettered' | 'replay_requested';

/**
 * One step in an ingestion's life, as the reports read it: the `ingestion_activity` read model.
 * Kept apart from the event store so the daily aggregation is plain, indexed SQL in every mode
 * (in aws mode the events live in DynamoDB, the read models in PostgreSQL).
 */
export interface IngestionActivity {
  readonly ingestionId: string;
  /** The event's version in the ingestion stream: (ingestionId, version) is the activity's identity. */
  readonly version: number;
  readonly dataset: string;
  readonly kind: ActivityKind;
  readonly occurredAt: string;
  readonly attempt: number | null;
  /** Started → this event, for completed, rejected and failed attempts. */
  readonly durationMs: number | null;
  /** +1 when the ingestion went to the dead-letter queue, −1 when a replay took it out, else 0. */
  readonly deadLetterDelta: -1 | 0 | 1;
  /** Size of the raw input (received only), when known. */
  readonly bytes: number | null;
}

interface Fold {
  dataset: string;
  startedAt: string | null;
  attempt: number | null;
  deadLettered: boolean;
}

/** Every activity of one ingestion stream (oldest first); empty before IngestionReceived. */
export function ingestionActivityOf(events: readonly StoredEvent[]): IngestionActivity[] {
  const fold: Fold = { dataset: '', startedAt: null, attempt: null, deadLettered: false };
  const out: IngestionActivity[] = [];
  for (const stored of events) {
    const activity = step(fold, { type: stored.type, data: stored.data } as IngestionEvent);
    if (activity && fold.dataset)
      out.push({
        ...activity,
        ingestionId: (stored.data as { ingestionId: string }).ingestionId,
        version: stored.version,
        dataset: fold.dataset,
      });
  }
  return out;
}

type Step = Omit<IngestionActivity, 'ingestionId' | 'version' | 'dataset'>;

const base = (kind: ActivityKind, occurredAt: string, fold: Fold): Step => ({
  kind,
  occurredAt,
  attempt: fold.attempt,
  durationMs: null,
  deadLetterDelta: 0,
  bytes: null,
});

const since = (from: string | null, to: string): number | null => (from === null ? null : Math.max(0, Date.parse(to) - Date.parse(from)));

function step(fold: Fold, event: IngestionEvent): Step | null {
  switch (event.type) {
    case 'IngestionReceived':
      fold.dataset = event.data.dataset;
      return { ...base('received', event.data.receivedAt, fold), bytes: event.data.source.size ?? null };
    case 'IngestionStarted':
      fold.startedAt = event.data.startedAt;
      fold.attempt = event.data.attempt;
      return base('started', event.data.startedAt, fold);
    case 'IngestionCompleted':
      return { ...base('completed', event.data.completedAt, fold), durationMs: event.data.durationMs };
    case 'IngestionRejected':
      return { ...base('rejected', event.data.rejectedAt, fold), durationMs: since(fold.startedAt, event.data.rejectedAt) };
    case 'IngestionFailed':
      return { ...base('failed', event.data.failedAt, fold), durationMs: since(fold.startedAt, event.data.failedAt) };
    case 'IngestionDeadLettered':
      fold.deadLettered = true;
      return { ...base('dead_lettered', event.data.deadLetteredAt, fold), deadLetterDelta: 1 };
    case 'IngestionReplayRequested': {
      const delta = fold.deadLettered ? -1 : 0;
      fold.deadLettered = false;
      return { ...base('replay_requested', event.data.requestedAt, fold), deadLetterDelta: delta };
    }
    case 'QualityChecked':
    case 'RecordsStored':
      return null;
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}
