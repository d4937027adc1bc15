/** Ingestions started/completed/rejected/dead-lettered and failed attempts during the day, from ingestion_activity. */
export const ACTIVITY_COUNTS_SQL = `
  SELECT dataset, GROUPING(dataset) = 1 AS is_total,
    count(DISTINCT ingestion_id) FILTER (WHERE kind = 'started') AS started,
    count(*) FILTER (WHERE kind = 'started') AS attempts,
    count(DISTINCT ingestion_id) FILTER (WHERE kind = 'completed') AS completed,
    count(DISTINCT ingestion_id) FILTER (WHERE kind = 'rejected') AS rejected,
    count(DISTINCT ingestion_id) FILTER (WHERE kind = 'dead_lettered') AS dead_lettered,
    count(*) FILTER (WHERE kind = 'failed') AS failed_attempts
  FROM ingestion_activity
  WHERE occurred_at >= $1::timestamptz AND occurred_at < $2::timestamptz
  GROUP BY GROUPING SETS ((dataset), ())`;

export interface ActivityCountsRow {
  dataset: string | null;
  is_total: boolean;
  started: string;
  attempts: string;
  completed: string;
  rejected: string;
  dead_lettered: string;
  failed_attempts: string;
}
