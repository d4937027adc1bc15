import type { IngestionView } from '@pipeline/domain/read-models/ingestion-view.js';

/**
 * Records sent in a request (GraphQL `ingest`, REST `POST /ingest`). They are kept in the raw area
 * as `{"data":[…]}` like an uploaded file and queued for the worker. Sending the same records with
 * the same clientRequestId again returns the same ingestion.
 */
export class IngestPayload {
  constructor(
    readonly dataset: string,
    readonly records: readonly unknown[],
    readonly clientRequestId?: string | null,
  ) {}
}

export interface IngestPayloadResult {
  readonly ingestionId: string;
  /** False when this exact payload (and request id) had been received before. */
  readonly created: boolean;
  readonly key: string;
  readonly view: IngestionView | null;
}

export const MAX_PAYLOAD_RECORDS = 100_000;
