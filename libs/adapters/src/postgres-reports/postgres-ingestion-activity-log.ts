import { IngestionActivityLog } from '@pipeline/domain/ports/ingestion-activity-log.js';
import type { IngestionActivity } from '@pipeline/domain/reports/ingestion-activity.js';
import { toPortError } from '../postgres/postgres-errors.js';
import type { SqlDatabase } from '../postgres/sql-database.js';

/** `ingestion_activity` in PostgreSQL: one statement per call, whatever the number of activities. */
export class PostgresIngestionActivityLog extends IngestionActivityLog {
  constructor(private readonly db: SqlDatabase) {
    super();
  }

  async record(activities: readonly IngestionActivity[]): Promise<void> {
    if (activities.length === 0) return;
    const rows = activities.map((a) => ({
      ingestion_id: a.ingestionId,
      version: a.version,
      dataset: a.dataset,
      kind: a.kind,
      occurred_at: a.occurredAt,
      attempt: a.attempt,
      duration_ms: a.durationMs,
      dead_letter_delta: a.deadLetterDelta,
      bytes: a.bytes,
    }));
    try {
      await this.db.query(
        `INSERT INTO ingestion_activity (ingestion_id, version, dataset, kind, occurred_at, attempt, duration_ms, dead_letter_delta, bytes)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(ingestion_id text, version int, dataset text, kind text, occurred_at timestamptz,
           attempt int, duration_ms bigint, dead_letter_delta smallint, bytes bigint)
         ON CONFLICT (ingestion_id, version) DO NOTHING`,
        [JSON.stringify(rows)],
      );
    } catch (error) {
      throw toPortError(error, 'recording ingestion activity');
    }
  }
}
