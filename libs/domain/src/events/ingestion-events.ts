import type { SinkResult } from '../records/processed-row.js';

/**
 * Ingestion event types. The `type` strings are persisted schema: never rename one,
 * add a new type or an upcaster instead.
 */
export type IngestionSource =
  | {
      readonly kind: 'object';
      /** Key in the raw area, e.g. `raw/orders/2026-11-26.csv`. */
      readonly key: string;
      readonly etag?: string;
      readonly versionId?: string;
      readonly size?: number;
      readonly bucket?: string;
    }
  | {
      readonly kind: 'payload';
      /** Where the payload was kept in the raw area (same treatment as an uploaded file). */
      readonly key: string;
      readonly clientRequestId?: string;
      readonly size?: number;
    };

export interface RuleResult {
  readonly rule: string;
  readonly column?: string;
  readonly action: 'warn' | 'quarantine' | 'halt';
  readonly passed: number;
  readonly failed: number;
  /** Up to 5 examples: row number and message. */
  readonly samples: readonly { readonly row: number; readonly message: string }[];
}

export interface RecordCounts {
  readonly recordsIn: number;
  readonly valid: number;
  readonly warned: number;
  readonly quarantined: number;
  /** Records dropped as duplicates of an earlier primary key in the same ingestion. */
  readonly duplicates: number;
}

/** Why an ingestion was rejected: names the file, the place and the rule. */
export interface RejectionReason {
  readonly code: string;
  readonly message: string;
  readonly file: string;
  readonly line?: number;
  readonly record?: number;
  readonly rule?: string;
}

export type IngestionReceived = {
  readonly type: 'IngestionReceived';
  readonly data: {
    readonly ingestionId: string;
    readonly dataset: string;
    readonly source: IngestionSource;
    readonly receivedAt: string;
  };
};
export type IngestionStarted = {
  readonly type: 'IngestionStarted';
  readonly data: {
    readonly ingestionId: string;
    readonly attempt: number;
    readonly contractVersion: number | null;
    readonly startedAt: string;
  };
};
export type QualityChecked = {
  readonly type: 'QualityChecked';
  readonly data: {
    readonly ingestionId: string;
    readonly counts: RecordCounts;
    readonly ruleResults: readonly RuleResult[];
    readonly contractVersion: number;
    readonly checkedAt: string;
  };
};
export type RecordsStored = {
  readonly type: 'RecordsStored';
  readonly data: { readonly ingestionId: string; readonly sinks: readonly SinkResult[]; readonly storedAt: string };
};
export type IngestionCompleted = {
  readonly type: 'IngestionCompleted';
  readonly data: { readonly ingestionId: string; readonly completedAt: string; readonly durationMs: number };
};
export type IngestionRejected = {
  readonly type: 'IngestionRejected';
  readonly data: {
    readonly ingestionId: string;
    readonly reason: RejectionReason;
    readonly counts?: RecordCounts;
    readonly rejectedAt: string;
  };
};
export type IngestionFailed = {
  readonly type: 'IngestionFailed';
  readonly data: {
    readonly ingestionId: string;
    readonly attempt: number;
    readonly error: { readonly code: string; readonly message: string };
    readonly failedAt: string;
  };
};
export type IngestionDeadLettered = {
  readonly type: 'IngestionDeadLettered';
  readonly data: { readonly ingestionId: string; readonly attempts: number; readonly lastError: string; readonly deadLetteredAt: string };
};
export type IngestionReplayRequested = {
  readonly type: 'IngestionReplayRequested';
  readonly data: { readonly ingestionId: string; readonly requestedBy: string; readonly requestedAt: string };
};

export type IngestionEvent =
  | IngestionReceived
  | IngestionStarted
  | QualityChecked
  | RecordsStored
  | IngestionCompleted
  | IngestionRejected
  | IngestionFailed
  | IngestionDeadLettered
  | IngestionReplayRequested;

export type IngestionEventType = IngestionEvent['type'];

export const INGESTION_EVENT_TYPES: readonly IngestionEventType[] = [
  'IngestionReceived',
  'IngestionStarted',
  'QualityChecked',
  'RecordsStored',
  'IngestionCompleted',
  'IngestionRejected',
  'IngestionFailed',
  'IngestionDeadLettered',
  'IngestionReplayRequested',
];

export const ingestionStreamId = (ingestionId: string): string => `ingestion-${ingestionId}`;
