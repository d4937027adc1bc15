import { PostgresApiKeyStore } from '@pipeline/adapters/postgres-api/postgres-api-key-store.js';
import { runMigrations } from '@pipeline/adapters/postgres/postgres-migration-runner.js';
import { SqlDatabase } from '@pipeline/adapters/postgres/sql-database.js';
import { issueApiKey } from '@pipeline/application/api-keys/api-key-secret.js';
import type { ProgressReporter } from './core/progress-reporter.js';
import { BENCH_DATASET } from './graphql-records-sql.js';

const ROWS_PER_INGESTION = 10_000;
const CHUNK = 100_000;

/**
 * Migrates the scratch database and fills processed_data with `rows` order-like records straight
 * from SQL (generate_series): the benchmark is about reading, so loading goes the fastest way. Like
 * the sink, `data` holds the record's fields; lineage lives in the columns.
 * Rows come in ingestions of 10,000 a minute apart, as the pipeline would write them. Returns a
 * reader API key for the run.
 */
export async function loadBenchRecords(url: string, rows: number, progress: ProgressReporter): Promise<string> {
  const db = await SqlDatabase.open(url, { poolSize: 2, applicationName: 'bench-graphql-load' });
  try {
    await runMigrations(db);
    const started = Date.now();
    for (let from = 0; from < rows; from += CHUNK) {
      await db.query(INSERT_CHUNK, [BENCH_DATASET, from, Math.min(rows, from + CHUNK) - 1, ROWS_PER_INGESTION]);
      progress.update(
        'graphql-records',
        `loaded ${Math.min(rows, from + CHUNK).toLocaleString('en-US')} of ${rows.toLocaleString('en-US')} rows`,
        (Date.now() - started) / 1000,
      );
    }
    await db.query('ANALYZE processed_data');
    progress.say(
      `graphql-records: ${rows.toLocaleString('en-US')} rows in processed_data in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const issued = issueApiKey();
    await new PostgresApiKeyStore(db).create({
      id: issued.id,
      name: 'bench',
      role: 'reader',
      secretHash: issued.secretHash,
      createdAt: new Date().toISOString(),
      revokedAt: null,
    });
    return issued.key;
  } finally {
    await db.close();
  }
}

const INSERT_CHUNK = `
  INSERT INTO processed_data (dataset, ingestion_id, row_number, record_key, data, ingested_at)
  SELECT $1, ing.id, g % $4 + 1, (g + 1)::text,
    jsonb_build_object(
      'order_id', g + 1,
      'customer_email', 'customer' || (g % 50000) || '@example.com',
      'order_date', to_char(timestamp '2026-01-01' + (g % 300) * interval '1 day', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'status', (ARRAY['pending', 'shipped', 'delivered', 'cancelled'])[1 + g % 4],
      'quantity', 1 + g % 20,
      'unit_price', round(((g % 10000) / 100.0)::numeric, 2),
      'country', (ARRAY['PT', 'ES', 'FR', 'DE', 'NL'])[1 + g % 5]),
    ing.at
  FROM generate_series($2::int, $3::int) AS g,
  LATERAL (SELECT 'bench-' || lpad((g / $4)::text, 6, '0') AS id,
                  timestamptz '2026-11-01T00:00:00Z' + (g / $4) * interval '1 minute' AS at) AS ing`;
