import { FINISHED, IN_DAY, INGESTED_AT, utcHour } from './report-scope.sql.js';

/**
 * Records of the day's finished ingestions, from the ingestions read model. Valid, warned,
 * quarantined and duplicates count completed ingestions only (a rejected input stores nothing);
 * the records of rejected inputs are counted apart.
 */
export const RECORD_COUNTS_SQL = `
  SELECT dataset, GROUPING(dataset) = 1 AS is_total,
    coalesce(sum(records_in), 0) AS records_in,
    coalesce(sum(valid) FILTER (WHERE status = 'completed'), 0) AS valid,
    coalesce(sum(warned) FILTER (WHERE status = 'completed'), 0) AS warned,
    coalesce(sum(quarantined) FILTER (WHERE status = 'completed'), 0) AS quarantined,
    coalesce(sum(duplicates) FILTER (WHERE status = 'completed'), 0) AS duplicates,
    coalesce(sum(records_in) FILTER (WHERE status = 'rejected'), 0) AS rejected
  FROM ingestions
  WHERE ${FINISHED} AND ${IN_DAY}
  GROUP BY GROUPING SETS ((dataset), ())`;

export interface RecordCountsRow {
  dataset: string | null;
  is_total: boolean;
  records_in: string;
  valid: string;
  warned: string;
  quarantined: string;
  duplicates: string;
  rejected: string;
}

/** Quarantined records per UTC hour of their ingestion. */
export const QUARANTINED_BY_HOUR_SQL = `
  SELECT dataset, GROUPING(dataset) = 1 AS is_total, ${utcHour(INGESTED_AT)} AS hour, coalesce(sum(quarantined), 0) AS count
  FROM ingestions
  WHERE status = 'completed' AND ${IN_DAY}
  GROUP BY GROUPING SETS ((dataset, hour), (hour))`;

/** Records in per UTC day, for the report day and the seven before it ($1 is then the first of those days). */
export const DAILY_VOLUME_SQL = `
  SELECT dataset, GROUPING(dataset) = 1 AS is_total, to_char((${INGESTED_AT} AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day,
    coalesce(sum(records_in), 0) AS count
  FROM ingestions
  WHERE ${FINISHED} AND ${IN_DAY}
  GROUP BY GROUPING SETS ((dataset, day), (day))`;

export interface BucketRow {
  dataset: string | null;
  is_total: boolean;
  hour?: number;
  day?: string;
  count: string;
}
