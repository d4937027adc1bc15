import type { IngestionStatus, IngestionView } from '@pipeline/domain/read-models/ingestion-view.js';

/** The `ingestions` table row as pg returns it. */
export interface IngestionRow {
  ingestion_id: string;
  dataset: string;
  status: string;
  source_key: string;
  attempts: number;
  records_in: number | null;
  valid: number | null;
  warned: number | null;
  quarantined: number | null;
  duplicates: number | null;
  sinks: IngestionView['sinks'];
  rule_results: IngestionView['ruleResults'];
  rejection: IngestionView['rejection'];
  last_error: string | null;
  contract_version: number | null;
  received_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  duration_ms: number | null;
  last_event_version: number;
}

export const INGESTION_COLUMNS = [
  'ingestion_id',
  'dataset',
  'status',
  'source_key',
  'attempts',
  'records_in',
  'valid',
  'warned',
  'quarantined',
  'duplicates',
  'sinks',
  'rule_results',
  'rejection',
  'last_error',
  'contract_version',
  'received_at',
  'started_at',
  'finished_at',
  'duration_ms',
  'last_event_version',
] as const;

export function toIngestionParams(v: IngestionView): unknown[] {
  const c = v.counts;
  return [
    v.ingestionId,
    v.dataset,
    v.status,
    v.sourceKey,
    v.attempts,
    c?.recordsIn ?? null,
    c?.valid ?? null,
    c?.warned ?? null,
    c?.quarantined ?? null,
    c?.duplicates ?? null,
    JSON.stringify(v.sinks),
    JSON.stringify(v.ruleResults),
    v.rejection ? JSON.stringify(v.rejection) : null,
    v.lastError,
    v.contractVersion,
    v.receivedAt,
    v.startedAt,
    v.finishedAt,
    v.durationMs,
    v.lastEventVersion,
  ];
}

export function toIngestionView(r: IngestionRow): IngestionView {
  return {
    ingestionId: r.ingestion_id,
    dataset: r.dataset,
    status: r.status as IngestionStatus,
    sourceKey: r.source_key,
    attempts: r.attempts,
    counts:
      r.records_in === null
        ? null
        : {
            recordsIn: r.records_in,
            valid: r.valid ?? 0,
            warned: r.warned ?? 0,
            quarantined: r.quarantined ?? 0,
            duplicates: r.duplicates ?? 0,
          },
    sinks: r.sinks ?? [],
    ruleResults: r.rule_results ?? [],
    rejection: r.rejection ?? null,
    lastError: r.last_error,
    contractVersion: r.contract_version,
    receivedAt: iso(r.received_at)!,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    durationMs: r.duration_ms,
    lastEventVersion: r.last_event_version,
  };
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
