import { runMigrations } from '@pipeline/adapters/postgres/postgres-migration-runner.js';
import { SqlDatabase } from '@pipeline/adapters/postgres/sql-database.js';
import type { ProgressReporter } from './core/progress-reporter.js';

const ROWS_PER_INGESTION = 10_000;
const CHUNK = 100_000;
const DATASETS = ['orders', 'payments', 'shipments', 'customers'];

export interface ReportBenchData {
  readonly day: string;
  readonly dayRows: number;
  readonly otherRows: number;
  readonly ingestions: number;
}

/**
 * Migrates the scratch database and fills it as a busy pipeline would leave it: `rows` records in
 * processed_data on the report day (ingestions of 10,000 spread over the day, four datasets), a
 * tenth of that on each of the seven days before, and the matching ingestions and
 * ingestion_activity read-model rows (rule results, a few retries, rejections and dead letters).
 * Loaded straight from SQL: the benchmark measures the report, not the load.
 */
export async function loadReportBenchData(url: string, day: string, rows: number, progress: ProgressReporter): Promise<ReportBenchData> {
  const db = await SqlDatabase.open(url, { poolSize: 2, applicationName: 'bench-report-load' });
  const started = Date.now();
  let loaded = 0;
  try {
    await runMigrations(db);
    let otherRows = 0;
    let ingestions = 0;
    for (let back = 7; back >= 0; back--) {
      const date = new Date(Date.parse(`${day}T00:00:00.000Z`) - back * 86_400_000).toISOString().slice(0, 10);
      const dayRows = back === 0 ? rows : Math.ceil(rows / 10);
      const count = Math.ceil(dayRows / ROWS_PER_INGESTION);
      await db.query(INGESTIONS_SQL, [date, count, ROWS_PER_INGESTION, DATASETS]);
      await db.query(ACTIVITY_SQL, [date]);
      for (let from = 0; from < dayRows; from += CHUNK) {
        await db.query(ROWS_SQL, [date, from, Math.min(dayRows, from + CHUNK) - 1, ROWS_PER_INGESTION, count, DATASETS]);
        loaded += Math.min(CHUNK, dayRows - from);
        progress.update('report-1m', `loaded ${loaded.toLocaleString('en-US')} rows`, (Date.now() - started) / 1000);
      }
      if (back > 0) otherRows += dayRows;
      ingestions += count;
    }
    await db.query('ANALYZE');
    progress.say(
      `report-1m: ${loaded.toLocaleString('en-US')} rows, ${ingestions} ingestions loaded and analysed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return { day, dayRows: rows, otherRows, ingestions };
  } finally {
    await db.close();
  }
}

// $1 date, $2 ingestions that day, $3 rows per ingestion, $4 datasets. Ingestion i starts at i/$2 of the day.
const INGESTIONS_SQL = `
  WITH p AS (SELECT $1::date AS day, $1::text AS day_text, $2::int AS n, $3::int AS per, $4::text[] AS datasets)
  INSERT INTO ingestions (ingestion_id, dataset, status, source_key, attempts, records_in, valid, warned, quarantined, duplicates,
    sinks, rule_results, rejection, last_error, contract_version, received_at, started_at, finished_at, duration_ms, last_event_version)
  SELECT x.id, x.ds, 'completed', 'raw/' || x.ds || '/' || x.id || '.csv', 1 + (i % 17 = 0)::int,
    p.per + x.q, p.per - x.w, x.w, x.q, 0,
    jsonb_build_array(jsonb_build_object('sink', 'postgres', 'targets', jsonb_build_array('processed_data'), 'rows', p.per, 'bytes', p.per * 300)),
    (SELECT jsonb_agg(jsonb_build_object('rule', r.rule, 'column', r.col, 'action', r.action, 'passed', p.per + x.q - r.f, 'failed', r.f,
        'samples', CASE WHEN r.f > 0 THEN jsonb_build_array(jsonb_build_object('row', 7, 'message', 'column "' || r.col || '" failed ' || r.rule || ': "bad-' || i || '"')) ELSE '[]'::jsonb END))
     FROM (VALUES ('IsComplete', 'id', 'quarantine', x.q / 3), ('ColumnValuesInSet', 'status', 'quarantine', x.q - x.q / 3),
                  ('ColumnValuesBetween', 'quantity', 'warn', x.w), ('ColumnLength', 'country', 'warn', 0),
                  ('ColumnValuesMatch', 'email', 'quarantine', 0), ('ColumnValuesNotInFuture', 'order_date', 'quarantine', 0)) AS r(rule, col, action, f)),
    NULL::jsonb, NULL, 1, x.at - interval '5 seconds', x.at, x.at + x.d, NULL::int, 6
  FROM p, generate_series(0, p.n - 1) AS i,
  LATERAL (SELECT 'bench-' || p.day_text || '-' || lpad(i::text, 5, '0') AS id, p.datasets[1 + i % cardinality(p.datasets)] AS ds,
                  (p.day + (i::float8 / p.n) * interval '1 day')::timestamptz AS at, (2000 + (i * 7919) % 38000) * interval '1 millisecond' AS d,
                  (i * 31) % 200 AS q, (i * 13) % 50 AS w) AS x
  UNION ALL
  SELECT 'bench-' || p.day_text || '-rejected-' || r, p.datasets[1 + r], 'rejected', 'raw/bad/' || r || '.csv', 1, 500, 0, 0, 0, 0, '[]'::jsonb, '[]'::jsonb,
    '{"code":"RULE_HALT","message":"halted","file":"x"}'::jsonb, NULL, 1, y.at, y.at, y.at + interval '2 seconds', 2000, 3
  FROM p, generate_series(0, 2) AS r, LATERAL (SELECT (p.day + interval '3 hours' + r * interval '5 hours')::timestamptz AS at) AS y`;

// Received, started, (failed,) completed / rejected per ingestion of $1; two ingestions dead-lettered.
const ACTIVITY_SQL = `
  WITH p AS (SELECT $1::date AS day, $1::text AS day_text)
  INSERT INTO ingestion_activity (ingestion_id, version, dataset, kind, occurred_at, attempt, duration_ms, dead_letter_delta, bytes)
  SELECT i.ingestion_id, v.version, i.dataset, v.kind, v.at, v.attempt, v.duration, v.delta, v.bytes
  FROM p, ingestions i,
  LATERAL (VALUES
    (1, 'received', i.received_at, NULL::int, NULL::bigint, 0, (coalesce(i.records_in, 0) * 110)::bigint),
    (2, 'started', i.started_at, 1, NULL, 0, NULL),
    (6, CASE i.status WHEN 'completed' THEN 'completed' ELSE 'rejected' END, i.finished_at, i.attempts,
        (extract(epoch FROM i.finished_at - i.started_at) * 1000)::bigint, 0, NULL)
  ) AS v(version, kind, at, attempt, duration, delta, bytes)
  WHERE (i.started_at AT TIME ZONE 'UTC')::date = p.day
  UNION ALL
  SELECT i.ingestion_id, 3, i.dataset, 'failed', i.started_at - interval '30 seconds', 1, 1500, 0, NULL
  FROM p, ingestions i WHERE (i.started_at AT TIME ZONE 'UTC')::date = p.day AND i.attempts = 2
  UNION ALL
  SELECT 'bench-' || p.day_text || '-dead-' || d, 4, 'orders', 'dead_lettered', p.day + interval '10 hours' + d * interval '1 hour', 3, NULL, 1, NULL
  FROM p, generate_series(0, 1) AS d`;

// $1 date, rows $2..$3 of the day, $4 rows per ingestion, $5 ingestions that day, $6 datasets.
const ROWS_SQL = `
  WITH p AS (SELECT $1::date AS day, $1::text AS day_text, $4::int AS per, $5::int AS n, $6::text[] AS datasets)
  INSERT INTO processed_data (dataset, ingestion_id, row_number, record_key, data, ingested_at)
  SELECT ing.ds, ing.id, g % p.per + 1, (g + 1)::text,
    jsonb_build_object(
      'order_id', g + 1,
      'customer_email', 'customer' || (g % 50000) || '@example.com',
      'status', (ARRAY['pending', 'shipped', 'delivered', 'cancelled'])[1 + g % 4],
      'quantity', 1 + g % 20,
      'unit_price', round(((g % 10000) / 100.0)::numeric, 2),
      'country', (ARRAY['PT', 'ES', 'FR', 'DE', 'NL'])[1 + g % 5],
      '_ingestion_id', ing.id, '_row', g % p.per + 1, '_ingested_at', ing.at),
    ing.at
  FROM p, generate_series($2::int, $3::int) AS g,
  LATERAL (SELECT 'bench-' || p.day_text || '-' || lpad((g / p.per)::text, 5, '0') AS id, p.datasets[1 + (g / p.per) % cardinality(p.datasets)] AS ds,
                  (p.day + ((g / p.per)::float8 / p.n) * interval '1 day')::timestamptz AS at) AS ing`;
