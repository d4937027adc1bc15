import { PipelineHealthReader, type DatasetFreshness, type IngestionActivity } from '@pipeline/domain/ports/pipeline-health-reader.js';
import { toPortError } from '../postgres/postgres-errors.js';
import type { SqlDatabase } from '../postgres/sql-database.js';

// "Finished in the window": ended (completed, rejected, dead-lettered) or failed and awaiting a retry.
const ACTIVITY = `
  WITH recent AS (
    SELECT status, duration_ms,
      CASE WHEN status IN ('completed', 'rejected', 'dead_lettered') THEN finished_at
           WHEN status = 'failed' THEN updated_at END AS ended_at
    FROM ingestions
    WHERE updated_at >= $1
  )
  SELECT count(*)::int AS finished,
    (count(*) FILTER (WHERE status <> 'completed'))::int AS errors,
    percentile_cont(0.99) WITHIN GROUP (ORDER BY duration_ms) FILTER (WHERE status = 'completed') AS p99
  FROM recent WHERE ended_at >= $1`;

// One index probe per dataset (newest ingested_at), instead of a GROUP BY over every row.
const FRESHNESS = `
  SELECT d.name AS dataset, (SELECT max(p.ingested_at) FROM processed_data p WHERE p.dataset = d.name) AS newest
  FROM datasets d ORDER BY d.name`;

/** Health figures from the `ingestions` read model and `processed_data`. */
export class PostgresPipelineHealthReader extends PipelineHealthReader {
  constructor(private readonly db: SqlDatabase) {
    super();
  }

  async activity(since: Date): Promise<IngestionActivity> {
    const [row] = await this.query<{ finished: number; errors: number; p99: number | null }>(
      ACTIVITY,
      [since.toISOString()],
      'reading ingestion activity',
    );
    return { finished: row.finished, errors: row.errors, p99DurationMs: row.p99 === null ? null : Math.round(Number(row.p99)) };
  }

  async freshness(): Promise<DatasetFreshness[]> {
    const rows = await this.query<{ dataset: string; newest: Date | null }>(FRESHNESS, [], 'reading dataset freshness');
    return rows.map((r) => ({ dataset: r.dataset, newestIngestedAt: r.newest ? r.newest.toISOString() : null }));
  }

  private async query<T>(sql: string, params: unknown[], doing: string): Promise<T[]> {
    try {
      return await this.db.query(sql, params);
    } catch (error) {
      throw toPortError(error, doing);
    }
  }
}
