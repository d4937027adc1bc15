/**
 * Shared SQL fragments. Every query groups by GROUPING SETS ((dataset …), (…)) so the database
 * computes per-dataset and all-datasets values in one pass; `is_total` marks the latter.
 * Parameters: $1 = day start, $2 = day end (exclusive), both timestamptz.
 */

/** When an ingestion's records were ingested: its last start (processed_data.ingested_at), or when it finished without one. Matches the ingestions_processed_at_idx expression. */
export const INGESTED_AT = 'coalesce(started_at, finished_at)';

export const IN_DAY = `${INGESTED_AT} >= $1::timestamptz AND ${INGESTED_AT} < $2::timestamptz`;

export const FINISHED = `status IN ('completed', 'rejected')`;

export const utcHour = (column: string): string => `extract(hour FROM ${column} AT TIME ZONE 'UTC')::int`;
