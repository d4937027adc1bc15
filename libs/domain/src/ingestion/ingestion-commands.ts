import type { IngestionSource, RecordCounts, RejectionReason, RuleResult } from '../events/ingestion-events.js';
import type { SinkResult } from '../records/processed-row.js';

/**
 * Commands the Ingestion aggregate decides on. Time comes in as `at` (ISO-8601 UTC): the
 * decider never reads a clock.
 */
export type RegisterIngestion = {
  readonly type: 'RegisterIngestion';
  readonly data: { readonly ingestionId: string; readonly dataset: string; readonly source: IngestionSource; readonly at: string };
};
/** The attempt number is derived from the stream, not given. */
export type StartIngestion = {
  readonly type: 'StartIngestion';
  readonly data: { readonly contractVersion: number | null; readonly at: string };
};
export type CompleteIngestion = {
  readonly type: 'CompleteIngestion';
  readonly data: {
    readonly counts: RecordCounts;
    readonly ruleResults: readonly RuleResult[];
    readonly sinks: readonly SinkResult[];
    readonly contractVersion: number;
    readonly at: string;
  };
};
export type RejectIngestion = {
  readonly type: 'RejectIngestion';
  readonly data: {
    readonly reason: RejectionReason;
    readonly counts?: RecordCounts;
    readonly ruleResults?: readonly RuleResult[];
    readonly contractVersion?: number;
    readonly at: string;
  };
};
export type FailIngestion = {
  readonly type: 'FailIngestion';
  readonly data: { readonly error: { readonly code: string; readonly message: string }; readonly at: string };
};
export type DeadLetterIngestion = {
  readonly type: 'DeadLetterIngestion';
  readonly data: { readonly lastError: string; readonly at: string };
};
export type RequestReplay = {
  readonly type: 'RequestReplay';
  readonly data: { readonly requestedBy: string; readonly at: string };
};

export type IngestionCommand =
  RegisterIngestion | StartIngestion | CompleteIngestion | RejectIngestion | FailIngestion | DeadLetterIngestion | RequestReplay;

/** Why a command was refused; stable strings callers may branch on. */
export type IngestionRefusalCode =
  'INGESTION_NOT_FOUND' | 'INGESTION_CONFLICT' | 'INVALID_TRANSITION' | 'INGESTION_DEAD_LETTERED' | 'REPLAY_NOT_ALLOWED';
