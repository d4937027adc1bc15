/**
 * Pipeline-wide values per UTC hour for the alarms. $1 = day start, $3 = report time: an hour's
 * window ends at its end or at the report time, whichever comes first.
 */
export const HOURLY_ALARMS_SQL = `
  WITH hours AS (
    SELECT h, $1::timestamptz + h * interval '1 hour' AS hour_start,
      least($1::timestamptz + (h + 1) * interval '1 hour', $3::timestamptz) AS hour_end
    FROM generate_series(0, 23) AS h
  )
  SELECT h AS hour,
    (SELECT count(*) FROM ingestion_activity a
       WHERE a.kind = 'started' AND a.occurred_at >= hour_start AND a.occurred_at < hour_end) AS attempts,
    (SELECT count(*) FROM ingestion_activity a
       WHERE a.kind IN ('failed', 'rejected') AND a.occurred_at >= hour_start AND a.occurred_at < hour_end) AS errors,
    (SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY a.duration_ms) FROM ingestion_activity a
       WHERE a.kind IN ('completed', 'rejected') AND a.duration_ms IS NOT NULL AND a.occurred_at >= hour_start AND a.occurred_at < hour_end) AS p99,
    (SELECT coalesce(sum(a.dead_letter_delta), 0) FROM ingestion_activity a
       WHERE a.dead_letter_delta <> 0 AND a.occurred_at < hour_end) AS dead_letter_depth,
    (SELECT max(a.occurred_at) FROM ingestion_activity a WHERE a.kind = 'completed' AND a.occurred_at < hour_end) AS newest_completion
  FROM hours
  WHERE hour_start < $2::timestamptz
  ORDER BY h`;

export interface HourlyAlarmRow {
  hour: number;
  attempts: string;
  errors: string;
  p99: number | null;
  dead_letter_depth: string;
  newest_completion: Date | null;
}
