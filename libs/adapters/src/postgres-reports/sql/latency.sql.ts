/** Processing time of attempts that finished (completed or rejected) during the day: percentiles and histogram. */
export function latencySql(bucketsMs: readonly number[]): string {
  const bounds = [0, ...bucketsMs];
  const buckets = bounds.map((lower, i) => {
    const upper = bounds[i + 1];
    const where = upper === undefined ? `duration_ms >= ${lower}` : `duration_ms >= ${lower} AND duration_ms < ${upper}`;
    return `count(*) FILTER (WHERE ${where})`;
  });
  return `
    SELECT dataset, GROUPING(dataset) = 1 AS is_total, count(*) AS count,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95,
      percentile_cont(0.99) WITHIN GROUP (ORDER BY duration_ms) AS p99,
      max(duration_ms) AS max,
      ARRAY[${buckets.join(', ')}] AS histogram
    FROM ingestion_activity
    WHERE kind IN ('completed', 'rejected') AND duration_ms IS NOT NULL
      AND occurred_at >= $1::timestamptz AND occurred_at < $2::timestamptz
    GROUP BY GROUPING SETS ((dataset), ())`;
}

export interface LatencyRow {
  dataset: string | null;
  is_total: boolean;
  count: string;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: string | null;
  histogram: string[];
}
