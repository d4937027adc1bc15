import { utcHour } from './report-scope.sql.js';

/**
 * Rows in processed_data per UTC hour. `dataset = ANY($3)` (the datasets active that day) lets the
 * (dataset, ingested_at, …) index narrow the scan to the day instead of reading the whole table.
 */
export const STORED_BY_HOUR_SQL = `
  SELECT dataset, GROUPING(dataset) = 1 AS is_total, ${utcHour('ingested_at')} AS hour, count(*) AS count
  FROM processed_data
  WHERE dataset = ANY($3::text[]) AND ingested_at >= $1::timestamptz AND ingested_at < $2::timestamptz
  GROUP BY GROUPING SETS ((dataset, hour), (hour))`;

/** Ingest time of each dataset's newest stored record at report time ($2): one index probe per dataset. */
export const NEWEST_RECORD_SQL = `
  SELECT d.name AS dataset,
    (SELECT max(p.ingested_at) FROM processed_data p WHERE p.dataset = d.name AND p.ingested_at <= $2::timestamptz) AS newest
  FROM unnest($1::text[]) AS d(name)`;

export interface NewestRecordRow {
  dataset: string;
  newest: Date | null;
}
