/**
 * What the SQL aggregation hands back for one report day: counts, sums and percentiles,
 * never rows. Per-dataset facts and the all-datasets facts (`scope: null`) are computed by
 * the database side by side, so totals such as percentiles and top-N lists are exact.
 */
export interface ReportFacts {
  readonly scopes: readonly ScopeFacts[];
  /** Pipeline-wide values per UTC hour of the day (index 0 = 00:00–01:00), for the alarms. */
  readonly hourly: HourlyFacts;
}

export interface IngestionCountFacts {
  /** Distinct ingestions with at least one processing attempt started during the day. */
  readonly started: number;
  /** Processing attempts started (retries included). */
  readonly attempts: number;
  readonly completed: number;
  readonly rejected: number;
  readonly deadLettered: number;
  /** Attempts that ended in a transient failure (IngestionFailed). */
  readonly failedAttempts: number;
}

export interface RecordCountFacts {
  /** Records read from every finished input of the day, rejected inputs included. */
  readonly in: number;
  readonly valid: number;
  readonly warned: number;
  readonly quarantined: number;
  readonly duplicates: number;
  /** Records of inputs that were rejected as a whole (nothing of them was stored). */
  readonly rejected: number;
  /** Rows in `processed_data` whose ingestion ran during the day. */
  readonly stored: number;
}

export interface RuleFacts {
  readonly rule: string;
  readonly column: string | null;
  readonly action: string;
  readonly passed: number;
  readonly failed: number;
}

export interface QuarantineReasonFacts {
  /** The dataset whose contract holds the rule (the all-datasets list ranks every dataset's reasons together). */
  readonly dataset: string;
  readonly rule: string;
  readonly column: string | null;
  readonly count: number;
  /** One failure message, as the quality check wrote it (it quotes the offending value). */
  readonly example: string | null;
}

export interface LatencyFacts {
  /** Finished processing attempts (completed or rejected) measured. */
  readonly count: number;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
  readonly maxMs: number | null;
  /** Counts per bucket of LATENCY_BUCKETS_MS (the last bucket is open-ended). */
  readonly histogram: readonly number[];
}

export interface InputFacts {
  readonly ingestionId: string;
  readonly dataset: string;
  readonly sourceKey: string;
  readonly bytes: number | null;
  readonly records: number;
  readonly status: string;
}

export interface ScopeFacts {
  /** Dataset name, or null for all datasets together. */
  readonly scope: string | null;
  readonly ingestions: IngestionCountFacts;
  readonly records: RecordCountFacts;
  /** 24 values each: stored rows (from processed_data) and quarantined records per hour. */
  readonly recordsByHour: { readonly valid: readonly number[]; readonly quarantined: readonly number[] };
  /** Passed/failed per contract rule; empty for the all-datasets scope (rules belong to one contract). */
  readonly rules: readonly RuleFacts[];
  /** The ten most frequent quarantine reasons, most frequent first. */
  readonly quarantineReasons: readonly QuarantineReasonFacts[];
  /** Records in per day for the report day and the seven days before it, oldest first (8 entries). */
  readonly dailyVolume: readonly { readonly date: string; readonly records: number }[];
  readonly latency: LatencyFacts;
  /** Ingest time of the newest stored record at report time, or null when there is none. */
  readonly lastRecordAt: string | null;
  /** The five largest inputs of the day (by records read). */
  readonly largestInputs: readonly InputFacts[];
}

export interface HourlyFacts {
  readonly attempts: readonly number[];
  /** Attempts that failed or were rejected. */
  readonly errors: readonly number[];
  /** p99 of attempts finished in the hour, null when none finished. */
  readonly p99Ms: readonly (number | null)[];
  /** Dead-letter depth at the end of each hour, reconstructed from dead-letter and replay events. */
  readonly deadLetterDepth: readonly number[];
  /** The newest completed ingestion at the end of each hour (any dataset), or null. */
  readonly newestCompletion: readonly (string | null)[];
}

/** Upper bounds (exclusive) of the latency histogram buckets; a last, open bucket follows. */
export const LATENCY_BUCKETS_MS: readonly number[] = [1_000, 5_000, 10_000, 30_000, 60_000, 300_000];
