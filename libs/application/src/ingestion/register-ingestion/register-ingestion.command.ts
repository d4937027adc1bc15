import type { IngestionSource } from '@pipeline/domain/events/ingestion-events.js';

export class RegisterIngestion {
  constructor(
    readonly dataset: string,
    readonly source: IngestionSource,
    /** Queue it for the worker (false when the caller processes it inline, like the CLI). */
    readonly enqueue: boolean = true,
  ) {}
}

export interface RegisterIngestionResult {
  readonly ingestionId: string;
  /** False when the same source had already been registered (redelivery). */
  readonly created: boolean;
  readonly status: string;
}
