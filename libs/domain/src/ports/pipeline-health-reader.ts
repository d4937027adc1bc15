/** What happened to ingestions finishing inside a time window. */
export interface IngestionActivity {
  /** Ingestions that finished (completed, rejected, dead-lettered) or last failed inside the window. */
  readonly finished: number;
  /** Of those, how many were rejected, dead-lettered or are failed (awaiting a retry). */
  readonly errors: number;
  /** 99th percentile of processing duration of the ingestions that completed in the window; null when none did. */
  readonly p99DurationMs: number | null;
}

export interface DatasetFreshness {
  readonly dataset: string;
  /** `ingested_at` of the newest processed record, or null when the dataset has none. */
  readonly newestIngestedAt: string | null;
}

/** The numbers behind pipeline health, read from the ingestions read model and processed_data. */
export abstract class PipelineHealthReader {
  /** @example await health.activity(new Date(Date.now() - 3_600_000)) */
  abstract activity(since: Date): Promise<IngestionActivity>;
  /** One entry per known dataset. */
  abstract freshness(): Promise<DatasetFreshness[]>;
}
