import type { StoredEvent } from '../events/domain-event.js';
import type { IngestionEvent, RecordCounts, RejectionReason, RuleResult } from '../events/ingestion-events.js';
import type { SinkResult } from '../records/processed-row.js';

export type IngestionStatus = 'received' | 'processing' | 'completed' | 'rejected' | 'failed' | 'dead_lettered' | 'replay_requested';

/** The `ingestions` read model row: one ingestion's current picture, folded from its stream. */
export interface IngestionView {
  readonly ingestionId: string;
  readonly dataset: string;
  readonly status: IngestionStatus;
  readonly sourceKey: string;
  readonly attempts: number;
  readonly counts: RecordCounts | null;
  readonly sinks: readonly SinkResult[];
  readonly ruleResults: readonly RuleResult[];
  readonly rejection: RejectionReason | null;
  readonly lastError: string | null;
  readonly contractVersion: number | null;
  readonly receivedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly durationMs: number | null;
  /** Version of the last event folded in; the store only accepts newer versions. */
  readonly lastEventVersion: number;
}

/** Folds an ingestion stream into its view; null before IngestionReceived. */
export function foldIngestionView(events: readonly StoredEvent[]): IngestionView | null {
  let view: IngestionView | null = null;
  for (const stored of events) {
    view = applyIngestionEvent(view, { type: stored.type, data: stored.data } as IngestionEvent, stored.version);
  }
  return view;
}

function applyIngestionEvent(view: IngestionView | null, event: IngestionEvent, version: number): IngestionView | null {
  if (event.type === 'IngestionReceived') {
    const d = event.data;
    return {
      ingestionId: d.ingestionId,
      dataset: d.dataset,
      status: 'received',
      sourceKey: d.source.key,
      attempts: 0,
      counts: null,
      sinks: [],
      ruleResults: [],
      rejection: null,
      lastError: null,
      contractVersion: null,
      receivedAt: d.receivedAt,
      startedAt: null,
      finishedAt: null,
      durationMs: null,
      lastEventVersion: version,
    };
  }
  if (!view) return null;
  const v = { ...view, lastEventVersion: version };
  switch (event.type) {
    case 'IngestionStarted':
      return {
        ...v,
        status: 'processing',
        attempts: event.data.attempt,
        startedAt: event.data.startedAt,
        finishedAt: null,
        durationMs: null,
      };
    case 'QualityChecked':
      return { ...v, counts: event.data.counts, ruleResults: event.data.ruleResults, contractVersion: event.data.contractVersion };
    case 'RecordsStored':
      return { ...v, sinks: event.data.sinks };
    case 'IngestionCompleted':
      return { ...v, status: 'completed', finishedAt: event.data.completedAt, durationMs: event.data.durationMs, lastError: null };
    case 'IngestionRejected':
      return {
        ...v,
        status: 'rejected',
        rejection: event.data.reason,
        counts: event.data.counts ?? v.counts,
        finishedAt: event.data.rejectedAt,
        durationMs: elapsed(v.startedAt, event.data.rejectedAt),
      };
    case 'IngestionFailed':
      return { ...v, status: 'failed', lastError: `${event.data.error.code}: ${event.data.error.message}` };
    case 'IngestionDeadLettered':
      return { ...v, status: 'dead_lettered', lastError: event.data.lastError, finishedAt: event.data.deadLetteredAt };
    case 'IngestionReplayRequested':
      return { ...v, status: 'replay_requested', finishedAt: null };
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

function elapsed(from: string | null, to: string): number | null {
  return from ? Math.max(0, Date.parse(to) - Date.parse(from)) : null;
}
