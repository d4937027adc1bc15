import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Read model: one row per ingestion, folded from its event stream (IngestionView). */
export class CreateIngestions1764100000004 implements MigrationInterface {
  name = 'CreateIngestions1764100000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ingestions (
        ingestion_id text PRIMARY KEY,
        dataset text NOT NULL,
        status text NOT NULL,
        source_key text NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        records_in int NULL,
        valid int NULL,
        warned int NULL,
        quarantined int NULL,
        duplicates int NULL,
        sinks jsonb NOT NULL DEFAULT '[]',
        rule_results jsonb NOT NULL DEFAULT '[]',
        rejection jsonb NULL,
        last_error text NULL,
        contract_version int NULL,
        received_at timestamptz NOT NULL,
        started_at timestamptz NULL,
        finished_at timestamptz NULL,
        duration_ms int NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_event_version int NOT NULL
      )`);
    // Listing is newest first, optionally by dataset or status, paged by (received_at, ingestion_id).
    await q.query('CREATE INDEX ingestions_received_idx ON ingestions (received_at DESC, ingestion_id DESC)');
    await q.query('CREATE INDEX ingestions_dataset_received_idx ON ingestions (dataset, received_at DESC)');
    await q.query('CREATE INDEX ingestions_status_received_idx ON ingestions (status, received_at DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE ingestions');
  }
}
