import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Read model for the daily report: one row per ingestion lifecycle event (IngestionActivity).
 * Backfilled from `events` so a data directory that predates it reports its history too.
 * Also indexes `ingestions` by the time its records were ingested (the report's day).
 */
export class CreateIngestionActivity1764100000201 implements MigrationInterface {
  name = 'CreateIngestionActivity1764100000201';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ingestion_activity (
        ingestion_id text NOT NULL,
        version int NOT NULL,
        dataset text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('received', 'started', 'completed', 'rejected', 'failed', 'dead_lettered', 'replay_requested')),
        occurred_at timestamptz NOT NULL,
        attempt int NULL,
        duration_ms bigint NULL,
        dead_letter_delta smallint NOT NULL DEFAULT 0,
        bytes bigint NULL,
        PRIMARY KEY (ingestion_id, version)
      )`);
    await q.query('CREATE INDEX ingestion_activity_occurred_idx ON ingestion_activity (occurred_at, kind)');
    await q.query('CREATE INDEX ingestion_activity_dead_letter_idx ON ingestion_activity (occurred_at) WHERE dead_letter_delta <> 0');
    await q.query('CREATE INDEX ingestions_processed_at_idx ON ingestions ((coalesce(started_at, finished_at)))');
    await q.query(INGESTION_ACTIVITY_BACKFILL_SQL);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS ingestions_processed_at_idx');
    await q.query('DROP TABLE ingestion_activity');
  }
}

/** The same fold as ingestionActivityOf, frozen in SQL as of this migration (exported for its test). */
export const INGESTION_ACTIVITY_BACKFILL_SQL = `
  WITH e AS (
    SELECT stream_id, version, type, data,
      max(data->>'dataset') FILTER (WHERE type = 'IngestionReceived') OVER s AS dataset,
      max((data->>'startedAt')::timestamptz) FILTER (WHERE type = 'IngestionStarted') OVER upto AS started_at,
      max((data->>'attempt')::int) FILTER (WHERE type = 'IngestionStarted') OVER upto AS attempt,
      lag(type) OVER (PARTITION BY stream_id ORDER BY version) AS previous_type
    FROM events
    WHERE stream_id LIKE 'ingestion-%'
    WINDOW s AS (PARTITION BY stream_id), upto AS (PARTITION BY stream_id ORDER BY version)
  ), a AS (
    SELECT data->>'ingestionId' AS ingestion_id, version, dataset, attempt, started_at, previous_type, type,
      (CASE type
        WHEN 'IngestionReceived' THEN data->>'receivedAt'
        WHEN 'IngestionStarted' THEN data->>'startedAt'
        WHEN 'IngestionCompleted' THEN data->>'completedAt'
        WHEN 'IngestionRejected' THEN data->>'rejectedAt'
        WHEN 'IngestionFailed' THEN data->>'failedAt'
        WHEN 'IngestionDeadLettered' THEN data->>'deadLetteredAt'
        WHEN 'IngestionReplayRequested' THEN data->>'requestedAt'
      END)::timestamptz AS occurred_at,
      data
    FROM e
    WHERE type IN ('IngestionReceived', 'IngestionStarted', 'IngestionCompleted', 'IngestionRejected',
                   'IngestionFailed', 'IngestionDeadLettered', 'IngestionReplayRequested') AND dataset IS NOT NULL
  )
  INSERT INTO ingestion_activity (ingestion_id, version, dataset, kind, occurred_at, attempt, duration_ms, dead_letter_delta, bytes)
  SELECT ingestion_id, version, dataset,
    CASE type
      WHEN 'IngestionReceived' THEN 'received' WHEN 'IngestionStarted' THEN 'started' WHEN 'IngestionCompleted' THEN 'completed'
      WHEN 'IngestionRejected' THEN 'rejected' WHEN 'IngestionFailed' THEN 'failed' WHEN 'IngestionDeadLettered' THEN 'dead_lettered'
      ELSE 'replay_requested' END,
    occurred_at,
    attempt,
    CASE
      WHEN type = 'IngestionCompleted' THEN (data->>'durationMs')::bigint
      WHEN type IN ('IngestionRejected', 'IngestionFailed') AND started_at IS NOT NULL
        THEN greatest(0, (extract(epoch FROM occurred_at - started_at) * 1000)::bigint)
    END,
    CASE WHEN type = 'IngestionDeadLettered' THEN 1
         WHEN type = 'IngestionReplayRequested' AND previous_type = 'IngestionDeadLettered' THEN -1 ELSE 0 END,
    CASE WHEN type = 'IngestionReceived' THEN (data->'source'->>'size')::bigint END
  FROM a
  ON CONFLICT DO NOTHING`;
